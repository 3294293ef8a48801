import type { ChannelRule } from '../core/channel-rules.js';
import type { TrackingLink } from '../store/ports.js';
import type { ClientContext } from './enrich.js';
import type { SegmentFiles, SpoolBatch } from './spool.js';

/** Messages from the main thread to the collector worker; each carries an id its answer echoes. */
export type WorkerRequest =
  | { t: 'init'; id: number; spoolDir: string; warm: Array<[string, string]> }
  | {
      t: 'events';
      id: number;
      ws: string;
      body: string;
      client: ClientContext;
      rules: ChannelRule[];
      receivedAt: number;
    }
  | {
      t: 'click';
      id: number;
      link: TrackingLink;
      clickId: string;
      client: ClientContext & { referrer: string };
      rules: ChannelRule[];
      receivedAt: number;
    }
  | { t: 'append'; id: number; batch: SpoolBatch }
  | { t: 'rotate'; id: number }
  | { t: 'close'; id: number };

export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string }
  /** Unsolicited: enough rows wait in the spool for an early flush. */
  | { id: 0; t: 'full' };

export type { SegmentFiles };
