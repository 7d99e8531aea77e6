//! Help: how to use Casebook's interface. A lazy route: its code loads when first visited.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{lazy_route, LazyRoute};

pub struct HelpPage;

const TOPICS: [(&str, &str); 4] = [
    ("Keyboard", "Every control is reachable with Tab; the first Tab on a page offers “Skip to content”."),
    ("Theme", "The theme follows your operating system until you choose Light or Dark with the Theme button; the choice is remembered on this device."),
    ("Small screens", "On a phone, the Menu button opens the navigation."),
    ("Problems", "When something fails, the message says what happened and gives a reference your administrator can look up."),
];

#[lazy_route]
impl LazyRoute for HelpPage {
    fn data() -> Self {
        HelpPage
    }

    fn view(this: Self) -> AnyView {
        let HelpPage = this;
        view! {
            <Title text="Help"/>
            <section aria-labelledby="help-title" data-testid="help-page">
                <h1 id="help-title" class="text-2xl font-bold tracking-tight">"Help"</h1>
                <dl class="mt-6 space-y-4">
                    {TOPICS.into_iter().map(|(topic, text)| view! {
                        <div>
                            <dt class="font-semibold">{topic}</dt>
                            <dd class="text-slate-600 dark:text-slate-400">{text}</dd>
                        </div>
                    }).collect_view()}
                </dl>
            </section>
        }
        .into_any()
    }
}
