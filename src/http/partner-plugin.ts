import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxDirectory } from '../sandbox/sandboxes.js';
import { type FaultOptions, injectFaults } from './fault-hooks.js';
import { type JournalSink, journalRequests, shareJournalBeforeAnswering } from './journal-hooks.js';
import { requireSandboxToken } from './sandbox-auth.js';

type Handler = (error: Error, request: FastifyRequest, reply: FastifyReply) => unknown;

/** What makes a partner a partner for the simulator: its name, and its own errors. */
export interface PartnerConventions {
  partner: string;
  sandboxes: SandboxDirectory;
  journal: JournalSink;
  unauthenticated: () => Error;
  /** How the `Bearer` scheme is read: any case (RFC 7235), or exactly as written (Laravel). */
  bearerScheme?: 'any-case' | 'exact';
  errorHandler: Handler;
  notFoundHandler: (request: FastifyRequest, reply: FastifyReply) => unknown;
  faults: Pick<FaultOptions, 'errorBody' | 'malformedBody' | 'badHeader' | 'resourceOf'>;
}

/**
 * The request pipeline every partner plugin shares, in this order: every request journaled (even
 * rejected ones), the bearer token checked before the body is read, faults applied before the
 * partner's handler, and every failure answered in the partner's own envelope.
 */
export function partnerPipeline(app: FastifyInstance, conventions: PartnerConventions): void {
  const { partner, sandboxes } = conventions;
  journalRequests(app, partner, conventions.journal);
  requireSandboxToken(app, sandboxes, conventions.unauthenticated, conventions.bearerScheme);
  shareJournalBeforeAnswering(app, partner, conventions.journal);
  injectFaults(app, { partner, sandboxes, ...conventions.faults });
  app.setErrorHandler(conventions.errorHandler);
  app.setNotFoundHandler(conventions.notFoundHandler);
}
