export {
  AccountError,
  INVITE_TTL_MS,
  SESSION_TTL_MS,
  acceptInvite,
  authenticate,
  createUserWithRole,
  inviteMember,
  startSession,
} from './accounts.js';
export {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  SCRYPT_PARAMS,
  hashPassword,
  passwordProblem,
  randomPassword,
  verifyPassword,
} from './passwords.js';
export { can, mayGrant, type Permission } from './roles.js';
