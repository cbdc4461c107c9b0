//! The waline source: pages of threads from the server (newest or oldest first, 加载更多),
//! a 回复 button on every comment, and the compose form below.

use leptos::{prelude::*, task::spawn_local_scoped_with_cancellation};
use newsfront_core::{
    waline_api::{article_path, insert_posted, merge_page, ReplyTarget, SortOrder},
    ArticleId, Comment, Zone,
};

use super::{compose::ComposeForm, thread::thread};
use crate::{components::error_panel::ErrorPanel, strings, waline_client};

#[component]
pub fn WalineComments(
    server: String,
    id: ArticleId,
    zone: Zone,
    /// The section heading's count (all comments, replies included), set from the server.
    count: RwSignal<Option<u32>>,
) -> impl IntoView {
    let threads = RwSignal::new(Vec::<Comment>::new());
    let sort = RwSignal::new(SortOrder::Newest);
    let loaded_page = RwSignal::new(0u32);
    let total_pages = RwSignal::new(0u32);
    // False once the threads shown reach an article's comment caps: no more pages are loaded.
    let room = RwSignal::new(true);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let reply = RwSignal::new(None::<ReplyTarget>);
    // Bumped on every reload, so a late answer for an old ordering is dropped.
    let generation = StoredValue::new(0u32);
    let target = StoredValue::new((server.clone(), article_path(&id)));

    // Loads belong to this component, not to the button that started them: 加载更多 and 重试
    // are removed while loading, and their owner's cleanup would cancel the request.
    let owner = StoredValue::new(Owner::current().expect("WalineComments runs under an owner"));
    let load = move |page: u32| {
        let gen = generation.get_value();
        let (server, path) = target.get_value();
        let order = sort.get_untracked();
        loading.set(true);
        error.set(None);
        owner.with_value(|o| {
            o.with(|| {
                spawn_local_scoped_with_cancellation(async move {
                    let result = waline_client::list(&server, &path, page, order, zone).await;
                    if generation.get_value() != gen {
                        return;
                    }
                    loading.set(false);
                    match result {
                        Ok(p) => {
                            count.set(Some(p.count));
                            total_pages.set(p.total_pages);
                            loaded_page.set(page);
                            if page == 1 {
                                room.set(true);
                                threads.set(p.comments);
                            } else {
                                threads.update(|t| room.set(merge_page(t, p.comments)));
                            }
                        }
                        Err(e) => error.set(Some(e.to_string())),
                    }
                })
            })
        });
    };
    let reload = move || {
        generation.update_value(|g| *g += 1);
        load(1);
    };
    Effect::new(move |_| {
        sort.track();
        reload();
    });
    let next_page = move || load(loaded_page.get_untracked() + 1);
    let retry = move |_| {
        if loaded_page.get_untracked() == 0 {
            reload();
        } else {
            next_page();
        }
    };
    let on_reply = Callback::new(move |t: ReplyTarget| reply.set(Some(t)));
    let on_posted = Callback::new(move |(c, to): (Comment, Option<ReplyTarget>)| {
        let newest = sort.get_untracked() == SortOrder::Newest;
        let mut placed = false;
        threads.update(|t| placed = insert_posted(t, c, to.as_ref(), newest));
        if placed {
            count.update(|n| *n = Some(n.unwrap_or(0) + 1));
        } else {
            reload();
        }
    });
    let sort_button = move |order: SortOrder, label: &'static str| {
        view! {
            <button type="button" class="comments__sort"
                aria-pressed=move || (sort.get() == order).to_string()
                on:click=move |_| if sort.get_untracked() != order { sort.set(order) }>
                {label}
            </button>
        }
    };
    view! {
        <div class="comments__toolbar" role="group" aria-label=strings::COMMENTS_SORT>
            {sort_button(SortOrder::Newest, strings::COMMENTS_NEWEST)}
            {sort_button(SortOrder::Oldest, strings::COMMENTS_OLDEST)}
        </div>
        <ol class="comments__list">
            {move || threads.with(|t| t.iter().map(|c| thread(c, zone, Some(on_reply))).collect_view())}
        </ol>
        {move || (loaded_page.get() > 0 && !loading.get() && threads.with(Vec::is_empty))
            .then(|| view! { <p class="comments__empty">{strings::COMMENTS_BE_FIRST}</p> })}
        {move || loading.get().then(|| view! { <p class="comments__loading">{strings::LOADING}</p> })}
        {move || error.get().map(|message| view! { <ErrorPanel message class="comments__error" on_retry=Callback::new(retry)/> })}
        {move || (!room.get()).then(|| view! { <p class="comments__note">{strings::COMMENTS_CAPPED}</p> })}
        {move || (room.get() && !loading.get() && error.with(Option::is_none) && loaded_page.get() < total_pages.get())
            .then(|| view! {
                <button type="button" class="button load-more comments__more" on:click=move |_| next_page()>
                    {strings::LOAD_MORE}
                </button>
            })}
        <ComposeForm server id zone reply on_posted/>
    }
}
