// The conversation engine: a message in (who, where, text) → replies out. It keeps per-contact
// state (an ongoing quiz, a key just bound), asks each plugin in turn, and turns every failure
// into a reply: nothing a person sends crashes the bot, and text it does not understand gets
// the menu. No Wechaty here: the adapter converts messages, the engine never sees a puppet.
import { ApiError, ServiceUnavailableError, type QuestionItem, type XuefaApi } from '../api/client.ts';
import { parseCommand, MENU, type Command } from './commands.ts';
import { FloodLimiter } from './pacing.ts';

export type Where = { kind: 'private' } | { kind: 'room'; topic: string };

export type Incoming = {
  /** The puppet's id for the contact: stable for this login only, used for state and flood limits. */
  contactId: string;
  /** The contact's remark, if it holds a key from binding. */
  remark: string | null;
  name: string;
  where: Where;
  text: string;
  /** In a group: was the bot @-mentioned? */
  mentioned: boolean;
};

/** What to do in answer: replies in order, and maybe a remark to give the contact. */
export type Outcome = { replies: string[]; remark?: string };

export type QuizState = {
  mode: 'statute' | 'random' | 'review';
  items: QuestionItem[];
  index: number;
  correct: number;
  touchedAt: number;
};

export type ContactState = { quiz?: QuizState; boundKey?: string };

export type Turn = {
  message: Incoming;
  command: Command | null;
  /** The bound key, from the remark or from a binding earlier in this session; null if unbound. */
  contactKey: string | null;
  state: ContactState;
  api: XuefaApi;
  now: number;
};

/** A feature: answers the turns it recognises, returns null for the others. */
export type Plugin = { name: string; handle(turn: Turn): Promise<Outcome | null> };

export type Logger = { warn(data: object, message: string): void; error(data: object, message: string): void; info(data: object, message: string): void };

export type EngineOptions = { api: XuefaApi; now?: () => number; floodPerMinute: number; logger: Logger };

const CONTACT_KEY = /^xf[0-9a-f]{16}$/;

export const UNBOUND_REPLY = '您尚未绑定。请发送“绑定 邀请码”（邀请码向本单位组织者索取），绑定后即可练习、查询任务和成绩。';
export const UNAVAILABLE_REPLY = '服务暂时不可用，请稍后再试。您的练习进度已保留。';
export const FLOOD_REPLY = '消息太频繁了，请稍后再发。';

export const reply = (...replies: string[]): Outcome => ({ replies });

export class Engine {
  private readonly plugins: Plugin[] = [];
  private readonly states = new Map<string, ContactState>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly flood: FloodLimiter;
  private readonly now: () => number;

  constructor(private readonly options: EngineOptions) {
    this.flood = new FloodLimiter(options.floodPerMinute, 60_000);
    this.now = options.now ?? Date.now;
  }

  use(...plugins: Plugin[]): this {
    this.plugins.push(...plugins);
    return this;
  }

  stateOf(contactId: string): ContactState {
    let state = this.states.get(contactId);
    if (!state) this.states.set(contactId, (state = {}));
    return state;
  }

  /**
   * Handles one message. Messages of one contact are handled one after another, in the order
   * they came, so a quick "练习" then "A" cannot overtake each other.
   */
  handle(message: Incoming): Promise<Outcome> {
    const previous = this.queues.get(message.contactId) ?? Promise.resolve();
    const turn = previous.then(() => this.handleNow(message));
    const settled = turn.catch(() => undefined);
    this.queues.set(message.contactId, settled);
    void settled.then(() => {
      if (this.queues.get(message.contactId) === settled) this.queues.delete(message.contactId);
    });
    return turn;
  }

  private async handleNow(message: Incoming): Promise<Outcome> {
    const verdict = this.flood.check(message.contactId, this.now());
    if (verdict === 'drop') return reply();
    if (verdict === 'warn') return reply(FLOOD_REPLY);
    const state = this.stateOf(message.contactId);
    const remark = message.remark && CONTACT_KEY.test(message.remark) ? message.remark : null;
    const turn: Turn = {
      message, command: parseCommand(message.text), contactKey: remark ?? state.boundKey ?? null, state, api: this.options.api, now: this.now(),
    };
    try {
      for (const plugin of this.plugins) {
        const outcome = await plugin.handle(turn);
        if (outcome) return outcome;
      }
      return this.fallback(turn);
    } catch (error) {
      return this.failure(error, turn);
    }
  }

  private fallback(turn: Turn): Outcome {
    if (turn.message.where.kind === 'room' && !turn.message.mentioned && turn.command?.kind !== 'help') return reply();
    return reply(MENU);
  }

  private failure(error: unknown, turn: Turn): Outcome {
    if (error instanceof ServiceUnavailableError) {
      this.options.logger.warn({ contactId: turn.message.contactId, reason: String(error.reason ?? '') }, 'server unavailable');
      return reply(UNAVAILABLE_REPLY);
    }
    if (error instanceof ApiError) {
      if (error.code === 'contact_unbound') return reply(UNBOUND_REPLY);
      return reply(error.message);
    }
    this.options.logger.error({ err: error, contactId: turn.message.contactId }, 'message handling failed');
    return reply('抱歉，处理时出了点问题，请稍后再试。');
  }

  /** Resolves when every message received so far has been handled. */
  async idle(): Promise<void> {
    while (this.queues.size) await Promise.all([...this.queues.values()]);
  }
}
