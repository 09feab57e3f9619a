/**
 * Styles of the host, the launcher and the panel frame. Everything is scoped by the shadow root;
 * the page only sees the CSS variables, which it may override on the host element
 * (`help-feedback { --hf-primary: #e60012 }`).
 *
 * Text sizes are written in `--hf-px`: one CSS pixel at the default 16 px root font, scaled by
 * the page's root font size (a user's larger default font or text zoom) and by the `fontScale`
 * option (`--hf-font-scale`), so the panel grows with the wallet page instead of staying at 15 px.
 *
 * The colours only the panel's views use (`--hf-surface`, `--hf-warn-bg`) are set in `panelCss`,
 * which arrives with the panel.
 */
export const hostCss = `
:host{all:initial;--hf-px:calc(var(--hf-font-scale,1)*1rem/16);--hf-primary:#0958d9;--hf-on-primary:#fff;--hf-bg:#fff;--hf-text:#1f2329;--hf-muted:#5c6370;--hf-border:#d9dce1;--hf-danger:#c62828;--hf-radius:12px;--hf-font:system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;--hf-z:2147483000;--hf-x:20px;--hf-y:20px;font:calc(15*var(--hf-px))/1.5 var(--hf-font);color:var(--hf-text)}
:host([data-theme=dark]){--hf-primary:#4c8dff;--hf-on-primary:#0b1220;--hf-bg:#17191d;--hf-text:#e8eaed;--hf-muted:#a5abb5;--hf-border:#3a3f47;--hf-danger:#ff8a80}
@media (prefers-color-scheme:dark){:host([data-theme=auto]){--hf-primary:#4c8dff;--hf-on-primary:#0b1220;--hf-bg:#17191d;--hf-text:#e8eaed;--hf-muted:#a5abb5;--hf-border:#3a3f47;--hf-danger:#ff8a80}}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
.launcher{position:fixed;z-index:var(--hf-z);bottom:calc(var(--hf-y) + env(safe-area-inset-bottom,0px));right:calc(var(--hf-x) + env(safe-area-inset-right,0px));display:flex;align-items:center;gap:8px;min-height:48px;padding:0 18px;border:0;border-radius:24px;background:var(--hf-primary);color:var(--hf-on-primary);font:600 calc(15*var(--hf-px))/1 var(--hf-font);box-shadow:0 4px 16px rgba(0,0,0,.2);cursor:pointer}
:host([data-position=bottom-left]) .launcher{right:auto;left:calc(var(--hf-x) + env(safe-area-inset-left,0px))}
.launcher:focus-visible,.frame :focus-visible{outline:3px solid var(--hf-primary);outline-offset:2px}
.badge{min-width:20px;padding:2px 6px;border-radius:10px;background:var(--hf-danger);color:#fff;font-size:calc(12*var(--hf-px))}
.frame{position:fixed;z-index:var(--hf-z);bottom:calc(var(--hf-y) + 64px + env(safe-area-inset-bottom,0px));right:calc(var(--hf-x) + env(safe-area-inset-right,0px));width:min(calc(400*var(--hf-px)),calc(100vw - 2*var(--hf-x)));height:min(680px,calc(100vh - 120px));display:flex;flex-direction:column;background:var(--hf-bg);color:var(--hf-text);border:1px solid var(--hf-border);border-radius:var(--hf-radius);box-shadow:0 12px 40px rgba(0,0,0,.25);overflow:hidden}
:host([data-position=bottom-left]) .frame{right:auto;left:calc(var(--hf-x) + env(safe-area-inset-left,0px))}
:host([data-launcher=off]) .frame{bottom:calc(var(--hf-y) + env(safe-area-inset-bottom,0px))}
@media (max-width:640px){:host([data-open]) .launcher{display:none}.frame{inset:0;width:100%;height:100%;height:100dvh;border:0;border-radius:0;padding:env(safe-area-inset-top,0px) env(safe-area-inset-right,0px) env(safe-area-inset-bottom,0px) env(safe-area-inset-left,0px)}}
.status{margin:auto;padding:24px;text-align:center;color:var(--hf-muted)}
.status button{margin-top:12px}
button{font:inherit;color:inherit}
@media (prefers-reduced-motion:no-preference){.frame{animation:hf-in .16s ease-out}@keyframes hf-in{from{opacity:0;transform:translateY(8px)}}}
`
