import type { Kysely } from 'kysely';
import type {
  ApiKeyKind,
  AppStore,
  NewCostImport,
  NewInvite,
  NewUser,
  NewExperiment,
  NewGoal,
  NewWorkspace,
  Role,
  TrackingLink,
  WorkspacePatch,
} from '../ports.js';
import * as costImports from './cost-imports.js';
import * as experiments from './experiments.js';
import * as goals from './goals.js';
import * as keys from './keys.js';
import * as links from './links.js';
import { migrateToLatest } from './migrate.js';
import type { AppDatabase, AppDialect } from './schema.js';
import * as users from './users.js';
import * as workspaces from './workspaces.js';

/** The `AppStore` port over Kysely; the repositories are plain functions of the Kysely instance. */
export class KyselyAppStore implements AppStore {
  #closed = false;

  constructor(
    /** Exposed for this folder's tests and future repositories, not for the rest of Rendement. */
    readonly db: Kysely<AppDatabase>,
    readonly dialect: AppDialect,
  ) {}

  migrate(): Promise<void> {
    return migrateToLatest(this.db, this.dialect);
  }

  createWorkspace(input: NewWorkspace) {
    return workspaces.createWorkspace(this.db, input);
  }
  updateWorkspace(id: string, patch: WorkspacePatch) {
    return workspaces.updateWorkspace(this.db, id, patch);
  }
  getWorkspace(id: string) {
    return workspaces.getWorkspace(this.db, id);
  }
  findWorkspaceByName(name: string) {
    return workspaces.findWorkspaceByName(this.db, name);
  }
  listWorkspaces() {
    return workspaces.listWorkspaces(this.db);
  }

  createApiKey(workspaceId: string, kind: ApiKeyKind) {
    return keys.createApiKey(this.db, workspaceId, kind);
  }
  resolveApiKey(kind: ApiKeyKind, presented: string) {
    return keys.resolveApiKey(this.db, kind, presented);
  }
  listApiKeys(workspaceId: string) {
    return keys.listApiKeys(this.db, workspaceId);
  }
  writeKeys(workspaceId: string) {
    return keys.writeKeys(this.db, workspaceId);
  }
  revokeApiKey(workspaceId: string, keyId: string) {
    return keys.revokeApiKey(this.db, workspaceId, keyId);
  }

  createLink(link: Omit<TrackingLink, 'created_at'>) {
    return links.createLink(this.db, link);
  }
  getLink(slug: string) {
    return links.getLink(this.db, slug);
  }
  listLinks(workspaceId: string) {
    return links.listLinks(this.db, workspaceId);
  }

  recordCostImport(rec: NewCostImport) {
    return costImports.recordCostImport(this.db, rec);
  }
  listCostImports(workspaceId: string) {
    return costImports.listCostImports(this.db, workspaceId);
  }
  getCostImport(workspaceId: string, id: string) {
    return costImports.getCostImport(this.db, workspaceId, id);
  }
  undoCostImport(workspaceId: string, id: string, by: string) {
    return costImports.undoCostImport(this.db, workspaceId, id, by);
  }
  undoneCostImportIds(workspaceId: string) {
    return costImports.undoneCostImportIds(this.db, workspaceId);
  }
  setCampaignMapping(workspaceId: string, costCampaign: string, utmCampaign: string) {
    return costImports.setCampaignMapping(this.db, workspaceId, costCampaign, utmCampaign);
  }
  listCampaignMappings(workspaceId: string) {
    return costImports.listCampaignMappings(this.db, workspaceId);
  }

  createUser(input: NewUser) {
    return users.createUser(this.db, input);
  }
  getUser(id: string) {
    return users.getUser(this.db, id);
  }
  findUserByEmail(email: string) {
    return users.findUserByEmail(this.db, email);
  }
  setPasswordHash(userId: string, passwordHash: string) {
    return users.setPasswordHash(this.db, userId, passwordHash);
  }
  setMembership(userId: string, workspaceId: string, role: Role) {
    return users.setMembership(this.db, userId, workspaceId, role);
  }
  listMemberships(userId: string) {
    return users.listMemberships(this.db, userId);
  }
  listMembers(workspaceId: string) {
    return users.listMembers(this.db, workspaceId);
  }
  createSession(userId: string, expiresAt: string) {
    return users.createSession(this.db, userId, expiresAt);
  }
  getSession(token: string) {
    return users.getSession(this.db, token);
  }
  deleteSession(token: string) {
    return users.deleteSession(this.db, token);
  }
  deleteSessions(userId: string, opts?: { all?: boolean }) {
    return users.deleteSessions(this.db, userId, opts);
  }
  createInvite(input: NewInvite) {
    return users.createInvite(this.db, input);
  }
  getInviteByToken(token: string) {
    return users.getInviteByToken(this.db, token);
  }
  acceptInvite(id: string) {
    return users.acceptInvite(this.db, id);
  }
  listInvites(workspaceId: string) {
    return users.listInvites(this.db, workspaceId);
  }

  /** Idempotent, so that shutdown paths and test teardown may both call it. */
  createGoal(workspaceId: string, goal: NewGoal) {
    return goals.createGoal(this.db, workspaceId, goal);
  }
  getGoal(workspaceId: string, id: string) {
    return goals.getGoal(this.db, workspaceId, id);
  }
  listGoals(workspaceId: string) {
    return goals.listGoals(this.db, workspaceId);
  }
  updateGoal(workspaceId: string, id: string, patch: Partial<NewGoal>) {
    return goals.updateGoal(this.db, workspaceId, id, patch);
  }
  deleteGoal(workspaceId: string, id: string) {
    return goals.deleteGoal(this.db, workspaceId, id);
  }

  createExperiment(workspaceId: string, experiment: NewExperiment) {
    return experiments.createExperiment(this.db, workspaceId, experiment);
  }
  getExperiment(workspaceId: string, id: string) {
    return experiments.getExperiment(this.db, workspaceId, id);
  }
  listExperiments(workspaceId: string) {
    return experiments.listExperiments(this.db, workspaceId);
  }
  updateExperiment(workspaceId: string, id: string, patch: Partial<NewExperiment>) {
    return experiments.updateExperiment(this.db, workspaceId, id, patch);
  }
  deleteExperiment(workspaceId: string, id: string) {
    return experiments.deleteExperiment(this.db, workspaceId, id);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.db.destroy();
  }
}
