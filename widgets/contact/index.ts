/** The contact panel chunk (loaded on first visit of the `contact` view). */
export { ContactView } from './ContactView.js'
