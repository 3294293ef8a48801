/** The app store's typed errors live with the port, so that services and HTTP can match them. */
export { UserExistsError, ValidationError, WorkspaceExistsError, WorkspaceNotFoundError } from '../ports.js';
