//! The page's boot script: inline in `<head>`, it runs before first paint and before the WASM.
//!
//! - **Theme**: applies light or dark from the stored choice or the OS, so a dark page never
//!   flashes white, and follows OS changes while the choice is "system".
//! - **Reload buttons** (`data-reload`, the crash banner's) work without the Rust code.
//! - **Early presses are held, not lost**: a button pressed or a form submitted before the page
//!   has hydrated is remembered (the button says `aria-busy`) and replayed by
//!   `ui::early_input::settle` once it has; text typed meanwhile is kept by the same step.
//!
//! - **The code loads after the first paint**: the server sends the head's preloads and module
//!   scripts inert (`data-after-paint`, the server's `after_paint`); once the parsed page has
//!   painted (the frame after `DOMContentLoaded`, or 250 ms later in a tab that does not paint)
//!   they are turned back on, so the WASM does not share the line with the first paint.
//!
//! The text is HTML-escaped by the view, so it holds no `&` or `<`.
pub const BOOT_SCRIPT: &str = "(function(){var w=window,d=document,k='casebook.theme',\
m=w.matchMedia('(prefers-color-scheme: dark)');\
function a(){var t=null;try{t=localStorage.getItem(k)}catch(e){}\
d.documentElement.classList.toggle('dark',t==='dark'||(t!=='light'?m.matches:false))}\
a();m.addEventListener('change',a);w.__casebookApplyTheme=a;\
d.addEventListener('click',function(e){var t=e.target;if(t.closest)if(t.closest('[data-reload]'))location.reload()});\
function hold(e,el){e.preventDefault();e.stopImmediatePropagation();w.__casebookHeld=el;\
if(el.setAttribute)el.setAttribute('aria-busy','true')}\
d.addEventListener('click',function(e){if(w.__casebookReady)return;var t=e.target;\
var b=t.closest?t.closest('button,input[type=submit]'):null;if(b)if(!b.hasAttribute('data-reload'))hold(e,b)},true);\
d.addEventListener('submit',function(e){if(!w.__casebookReady)hold(e,e.submitter||e.target)},true);\
var g=0;function go(){if(g)return;g=1;d.querySelectorAll('[data-after-paint]').forEach(function(e){\
var k=e.getAttribute('data-after-paint');if(k!=='module'){e.rel=k;return}var s=d.createElement('script');\
s.type='module';s.nonce=e.nonce;s.textContent=e.textContent;e.parentNode.replaceChild(s,e)})}\
d.addEventListener('DOMContentLoaded',function(){requestAnimationFrame(function(){setTimeout(go,0)});\
setTimeout(go,250)})})();";

/// The attribute that holds what a deferred tag becomes after the first paint: the `rel` of a
/// preload, or `module` for a module script.
pub const AFTER_PAINT: &str = "data-after-paint";

/// The window properties the boot script and `early_input` share.
pub const HELD: &str = "__casebookHeld";
pub const READY: &str = "__casebookReady";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_boot_script_survives_html_escaping() {
        assert!(!BOOT_SCRIPT.contains('&') && !BOOT_SCRIPT.contains('<'));
    }

    #[test]
    fn the_boot_script_and_the_rust_side_name_the_same_properties() {
        assert!(BOOT_SCRIPT.contains(&format!("w.{HELD}=el")));
        assert!(BOOT_SCRIPT.contains(&format!("if(w.{READY})return")));
        assert!(BOOT_SCRIPT.contains("'casebook.theme'"));
        assert!(BOOT_SCRIPT.contains(&format!("querySelectorAll('[{AFTER_PAINT}]')")));
        assert!(BOOT_SCRIPT.contains(&format!("getAttribute('{AFTER_PAINT}')")));
    }
}
