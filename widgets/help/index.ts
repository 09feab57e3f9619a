/**
 * The help panel chunk: search and article views (loaded by widgets/panel/views.ts), the
 * home additions, suggestions for the report form and chat composer, and the self-check panel.
 */
export { SearchView } from './SearchView.js'
export { ArticleView } from './ArticleView.js'
export { HomeResults, PopularArticles } from './HomeHelp.js'
export { SuggestedArticles, type SuggestedArticlesProps } from './SuggestedArticles.js'
export { SelfCheckPanel, type SelfCheckPanelProps } from './SelfCheck.js'
