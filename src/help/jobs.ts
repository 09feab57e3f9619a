import { type JobHandlers, need } from '../outbox/handlers.js'

/** "Was this helpful?" votes. */
export const helpJobs: Pick<JobHandlers, 'vote'> = {
  vote: {
    send: (transport, { payload: p }, ctx) =>
      need(transport.voteArticle, 'voteArticle').call(transport, p.articleId, p.helpful, ctx),
    ephemeral: true,
  },
}
