/** A Kubernetes Job: whether it has finished, how, and when. */
export interface JobView {
  /** `Complete` or `Failed` once its controller says it finished; absent while it runs. */
  finished?: 'Complete' | 'Failed';
  /** When it finished (its completion time, or when its finished condition became true). */
  finishedAt?: string;
  /** Seconds after finishing when Kubernetes' own TTL controller deletes it, if set. */
  ttlSecondsAfterFinished?: number;
}
