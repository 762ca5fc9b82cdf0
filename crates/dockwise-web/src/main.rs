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
    yew::Renderer::<app::App>::new().render();
}
