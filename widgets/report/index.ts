/** The report area (a lazy chunk): `open('report', { transaction, category })`. */
export { ReportView } from './ReportView.js'
