/** Styles of the checker view; class names start with `ck-` so they never meet other views' sheets. */
export const checkerCss = `
.ck{display:grid;gap:14px}
.ck p{margin:0}
.ck-form{display:grid;gap:6px}
.ck-form label{font-weight:600}
.ck-row{display:flex;gap:8px}
.ck-row input{flex:1;min-width:0}
.ck-result{display:grid;gap:6px;padding:12px 14px;border-radius:10px;border:1px solid var(--hf-border);border-left-width:5px}
.ck-result:empty{display:none}
.ck-result h3{margin:0;font-size:calc(16*var(--hf-px));display:flex;gap:8px;align-items:baseline}
.ck-result[data-verdict=official]{border-left-color:#1e8e3e}
.ck-result[data-verdict=lookalike],.ck-result[data-verdict=notOurs]{border-left-color:var(--hf-danger)}
.ck-mark{font-weight:700}
.ck-result[data-verdict=official] .ck-mark{color:#1e8e3e}
.ck-result[data-verdict=lookalike] .ck-mark,.ck-result[data-verdict=notOurs] .ck-mark{color:var(--hf-danger)}
.ck-scam{font-weight:600;color:var(--hf-danger)}
.ck-actions{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.ck-value{overflow-wrap:anywhere}
.ck-official h3{margin:0 0 4px;font-size:calc(15*var(--hf-px))}
.ck-official ul{margin:0;padding-left:20px;overflow-wrap:anywhere}
`

export { useSheet } from '../ui/useSheet.js'
