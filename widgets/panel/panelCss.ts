/**
 * Panel styles, shipped with the lazy runtime chunk. Colours come from the host's variables; the
 * two only the views use are set here, not in `hostCss` (which the launcher carries).
 */
export const panelCss = `
:host{--hf-surface:#f5f6f8;--hf-warn-bg:#fff4e5}
:host([data-theme=dark]){--hf-surface:#22252b;--hf-warn-bg:#3a2c12}
@media (prefers-color-scheme:dark){:host([data-theme=auto]){--hf-surface:#22252b;--hf-warn-bg:#3a2c12}}
.dialog{display:flex;flex-direction:column;height:100%;min-height:0;outline:none}
.frame .dialog:focus{outline:none}
.head{display:flex;align-items:center;gap:4px;padding:10px 8px 10px 16px;border-bottom:1px solid var(--hf-border)}
.head h2{flex:1;margin:0;font-size:calc(17*var(--hf-px));font-weight:600;outline:none}
.icon-btn{display:inline-grid;place-items:center;min-width:44px;min-height:44px;border:0;border-radius:8px;background:transparent;cursor:pointer;font-size:calc(20*var(--hf-px))}
.icon-btn:hover{background:var(--hf-surface)}
.body{flex:1;min-height:0;overflow:auto;padding:16px;overscroll-behavior:contain}
.search{display:flex;flex-direction:column;gap:6px;margin-bottom:16px}
.search label{font-weight:600}
input,textarea,select{width:100%;min-height:44px;padding:10px 12px;border:1px solid var(--hf-border);border-radius:8px;background:var(--hf-bg);color:var(--hf-text);font:inherit;font-size:calc(16*var(--hf-px))}
.entries{display:grid;grid-template-columns:minmax(0,1fr);gap:8px;margin:0;padding:0;list-style:none}
.entry{display:flex;flex-direction:column;align-items:flex-start;width:100%;min-height:56px;padding:12px 14px;border:1px solid var(--hf-border);border-radius:10px;background:var(--hf-surface);text-align:left;cursor:pointer}
.entry:hover{border-color:var(--hf-primary)}
.entry b,.entry-fit>:first-child{font-weight:600}
.entry span,.entry-fit>*+*{color:var(--hf-muted);font-size:calc(13*var(--hf-px))}
.entry[data-entry=chat]{display:grid;grid-template-columns:minmax(0,1fr);align-items:start}
.entry[data-entry=chat]>i{grid-area:1/1}
.entry[data-entry=chat]>i>*{display:block;font-style:normal}
.entry-fit{visibility:hidden}
.entry-fit>::before{content:attr(data-text)}
.entry-bar{display:inline-block;width:10em;max-width:100%;height:.8em;border-radius:4px;background:var(--hf-border)}
.notice{margin:16px 0 0;padding:10px 12px;border-radius:8px;background:var(--hf-warn-bg);font-size:calc(13*var(--hf-px))}
.notice>p{margin:0 0 8px}
.notice>.secondary{min-height:36px;background:var(--hf-bg);color:var(--hf-text)}
.home-card,h2,.notice,.entry{overflow-wrap:anywhere}
.muted{color:var(--hf-muted)}
.primary{min-height:44px;padding:0 18px;border:0;border-radius:8px;background:var(--hf-primary);color:var(--hf-on-primary);font-weight:600;cursor:pointer}
.primary[disabled]{opacity:.6;cursor:default}
.secondary{min-height:44px;padding:0 16px;border:1px solid var(--hf-border);border-radius:8px;background:transparent;cursor:pointer}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.error{color:var(--hf-danger)}
a{color:var(--hf-primary)}
.ext-mark{font-size:.85em;white-space:nowrap}
.home-card{display:grid;gap:8px;margin:16px 0 0;padding:12px 14px;border:1px solid var(--hf-border);border-radius:10px;background:var(--hf-surface)}
.home-card h3{margin:0;font-size:calc(15*var(--hf-px))}
.home-card p{margin:0}
.home-card-row{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:8px}
.home-card-row p{flex:1 1 12em}
.home-card-unread{color:var(--hf-danger)}
.home-card>.secondary{justify-self:start;min-height:40px;background:var(--hf-bg);color:var(--hf-text)}
.home-fit{display:grid;align-items:start}
.home-fit>*{grid-area:1/1;display:grid;gap:8px}
.home-fit>span{visibility:hidden}
.home-fit>span::before{content:attr(data-r)}
.home-fit>span::after{content:attr(data-text)}
.home-card-bar{display:block;width:40%;height:1.2em;border-radius:4px;background:var(--hf-border)}
.home-card-bar+.home-card-bar{width:60%;height:40px}
.home-card-bar:last-of-type{width:80%;height:1.2em}
@media (max-width:30em){.head{padding-left:8px}}
`
