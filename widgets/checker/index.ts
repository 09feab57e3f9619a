export { CheckerView } from './CheckerView.js'
