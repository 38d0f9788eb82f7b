/**
 * The typed IPC contract: every channel once, with its request schema (validated at run time in
 * the main process) and its response type. Both transports (Electron IPC and the loopback bridge)
 * and the renderer are typed from this one table.
 */
import { z } from 'zod';
import type { ChannelName, EventName } from './channels';
import type { ModelProgressEvent, StudyLogEvent, StudyStatusEvent } from './studies';
import type { AboutInfo } from './system';

/** A channel: a runtime request schema plus a phantom response type. */
export interface ChannelDef<Req extends z.ZodType, Res> {
  request: Req;
  /** Never read at run time; carries the response type. */
  response?: Res;
}

function channel<Res>() {
  return <Req extends z.ZodType>(request: Req): ChannelDef<Req, Res> => ({ request });
}

const empty = z.object({}).strict();

export const contract = {
  'system.about': channel<AboutInfo>()(empty),
} satisfies Record<ChannelName, ChannelDef<z.ZodType, unknown>>;

/** Payloads of the push events. */
export interface EventPayloads {
  'system.log': { level: 'info' | 'warn' | 'error'; message: string; at: string };
  'study.progress': ModelProgressEvent;
  'study.status': StudyStatusEvent;
  'study.log': StudyLogEvent;
}

// Compile-time check that every event name has a payload type and vice versa.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const eventsInStep: Exact<keyof EventPayloads, EventName> = true;
void eventsInStep;

export type Contract = typeof contract;
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = NonNullable<Contract[C]['response']>;
export type EventPayload<E extends EventName> = EventPayloads[E];
