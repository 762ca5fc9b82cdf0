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
    // `#embed&quiz=RULE`: a lesson's quiz alone, no editor, no checker
    match components::quiz::embedded_quiz() {
        Some(rule) => {
            yew::Renderer::<components::quiz::QuizEmbed>::with_props(components::quiz::EmbedProps { rule }).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
