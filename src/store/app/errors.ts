/** The app store's typed errors live with the port, so that services and HTTP can match them. */
export { ValidationError, WorkspaceExistsError, WorkspaceNotFoundError } from '../ports.js';
