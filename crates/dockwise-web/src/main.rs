//! The Dockwise playground: a Yew single-page app. It holds no rule logic:
//! every finding, doc and quiz comes from `dockwise-rules`.

mod app;
mod bridge;
mod components;
mod docs;
mod lint;
mod settings;
mod state;
mod storage;

fn main() {
    console_error_panic_hook::set_once();
    // The app draws itself into `#root`, which holds the static shell
    // (index.html): the app's layout, drawn before the wasm runs. Yew empties
    // its root when it mounts and draws the app in a microtask, so the shell
    // goes and the app comes in the same task, before the browser paints
    // again: nothing moves, and no frame shows both or neither. The page's
    // level-one heading sits outside `#root` and stays.
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("root"));
    // `#embed&quiz=RULE`: a lesson's quiz alone, no editor, no checker
    match components::quiz::embedded_quiz() {
        Some(rule) => {
            let props = components::quiz::EmbedProps { rule };
            match root {
                Some(root) => yew::Renderer::<components::quiz::QuizEmbed>::with_root_and_props(root, props).render(),
                None => yew::Renderer::<components::quiz::QuizEmbed>::with_props(props).render(),
            };
        }
        None => {
            match root {
                Some(root) => yew::Renderer::<app::App>::with_root(root).render(),
                None => yew::Renderer::<app::App>::new().render(),
            };
        }
    }
}
