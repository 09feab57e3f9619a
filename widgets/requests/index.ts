/** The requests area (a lazy chunk): the list of the user's requests and one request's details. */
export { RequestsView } from './RequestsView.js'
export { RequestView } from './RequestView.js'
