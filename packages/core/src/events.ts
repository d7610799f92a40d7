/**
 * Something a monkey (or the engine) did that people or systems want to hear about: a stack
 * marked, an owner told, a resource torn down, a fault injected or removed. Monkeys emit domain
 * events through `ApplyContext.emit`; reporters deliver them (`Reporter.onEvent`): a webhook, Slack,
 * a log line. Chaos Toolkit's `RunEventHandler` is the model.
 */
export interface DomainEvent {
  /** What happened: `marked`, `unmarked`, `notified`, `acted`, `fault-injected`, `fault-removed`, ... */
  type: string;
  monkey: string;
  runId: string;
  /** Nothing was changed: the event says what would have happened. */
  dryRun: boolean;
  /** When it happened (ISO time). */
  at: string;
  /** What the event is about as people name it: a stack, a workload group, a resource ref. */
  subject: string;
  /** The resources it touched, with the verb and the outcome where an action did it. */
  resources: Array<{ ref: string; verb?: string; status?: string }>;
  /** Who owns the subject (owner label or tag values), for routing notices. */
  owners: string[];
  /** One sentence for people (Slack-compatible webhooks show it). */
  text: string;
  /** Event-specific details (rules broken, deadline, expiry, ...). */
  data?: Record<string, unknown>;
}
