//! The back office at `/admin`: server-rendered forms for writing, reviewing and publishing,
//! media, menus, the audit log and accounts. Every handler checks the signed-in user's role
//! and site scope on the server before it reads or changes anything.

mod documents;
mod feeds;
pub use manage::is_plausible_email;
use page::FORM_LIMIT;
pub use page::{
    AdminLayout, FormData, admin_page, admin_page_with_status, notice, notice_in, role_label, see_other,
};

pub mod language;
mod login;
mod manage;
mod media;
mod overview;
mod page;
mod people;
mod pickers;
mod redirects;
pub mod sites;
mod sso;
mod subscribers;
mod taxonomy;
pub mod totp;
mod two_factor;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::App;

/// Largest upload we read.
pub const UPLOAD_LIMIT: usize = 25 * 1024 * 1024;

/// The back office's routes, under `/admin`.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/admin", get(documents::list::dashboard))
        .route("/admin/", get(documents::list::dashboard))
        .route("/admin/login", get(login::form).post(login::submit))
        .route("/admin/login/code", get(two_factor::code_form).post(two_factor::code_submit))
        .route("/admin/login/sso", get(sso::start))
        .route("/admin/login/sso/callback", get(sso::callback))
        .route("/admin/logout", post(login::logout))
        .route("/admin/account", get(manage::account))
        .route("/admin/account/password", post(manage::change_password))
        .route("/admin/account/language", post(language::set))
        .route("/admin/account/two-factor", get(two_factor::enrolment))
        .route("/admin/account/two-factor/start", post(two_factor::start))
        .route("/admin/account/two-factor/confirm", post(two_factor::confirm))
        .route("/admin/account/tokens", post(manage::create_token))
        .route("/admin/account/tokens/{id}/revoke", post(manage::revoke_token))
        .route("/admin/users", get(manage::users).post(manage::create_user))
        .route("/admin/users/{id}", get(people::edit_form).post(people::save))
        .route("/admin/users/{id}/disabled", post(manage::set_disabled))
        .route("/admin/users/{id}/remove", post(people::remove))
        .route("/admin/users/{id}/password-link", post(people::password_link))
        .route("/admin/password/{token}", get(people::reset_form).post(people::reset_submit))
        .route("/admin/users/two-factor", post(two_factor::set_required_roles))
        .route("/admin/users/{id}/two-factor/reset", post(two_factor::reset))
        .route("/admin/audit", get(manage::audit))
        .route("/admin/overview", get(overview::overview))
        .route("/admin/taxonomy", get(taxonomy::index))
        .route("/admin/taxonomy/{kind}", post(taxonomy::add))
        .route("/admin/themes/{id}", get(taxonomy::theme_form).post(taxonomy::save_theme))
        .route("/admin/programmes/{id}", get(taxonomy::programme_form).post(taxonomy::save_programme))
        .route("/admin/partners/{id}", get(taxonomy::partner_form).post(taxonomy::save_partner))
        .route(
            "/admin/partners/{id}/logo",
            post(taxonomy::upload_partner_logo).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/admin/partners/{id}/logo/remove", post(taxonomy::remove_partner_logo))
        .route("/admin/contacts/{id}", get(taxonomy::contact_form).post(taxonomy::save_contact))
        .route("/admin/redirects", get(redirects::list).post(redirects::create))
        .route("/admin/redirects/delete", post(redirects::delete))
        .route("/admin/subscribers", get(subscribers::list))
        .route("/admin/subscribers.csv", get(subscribers::export))
        .route("/admin/subscribers/{id}/delete", post(subscribers::delete))
        .route("/admin/feeds", get(feeds::list).post(feeds::create))
        .route("/admin/feeds/{id}/fetch", post(feeds::fetch_now))
        .route("/admin/feeds/{id}/enabled", post(feeds::set_enabled))
        .route("/admin/feeds/{id}/delete", post(feeds::delete))
        .route("/admin/menus/{site}", get(manage::menu_form).post(manage::save_menu))
        .route("/admin/new/{kind}", get(documents::editor::new_form).post(documents::editor::create))
        .route("/admin/documents/{id}", get(documents::editor::edit_form).post(documents::editor::save))
        .route("/admin/autosave", post(documents::autosave::keep))
        .route("/admin/autosave/discard", post(documents::autosave::discard))
        .route("/admin/documents/{id}/workflow", post(documents::steps::workflow))
        .route("/admin/documents/{id}/translate", post(sites::translate))
        .route("/admin/sites", get(sites::index).post(sites::create))
        .route("/admin/sites/{key}", get(sites::edit).post(sites::save))
        .route("/admin/sites/{key}/translations", get(sites::translations))
        .route("/admin/documents/{id}/revisions", get(documents::history::revisions))
        .route("/admin/documents/{id}/diff", get(documents::history::diff))
        .route("/admin/documents/{id}/revisions/{number}/restore", post(documents::history::restore))
        .route(
            "/admin/media",
            get(media::list).post(media::upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/admin/media/{id}", get(media::edit_form).post(media::save))
        .route("/admin/pick/partners", get(pickers::partners))
        .route("/admin/pick/contacts", get(pickers::contacts))
        .route("/admin/pick/images", get(pickers::images))
        .route("/admin/pick/files", get(pickers::files))
        .route(
            "/admin/new/release/paste",
            get(documents::paste::form)
                .post(documents::paste::read)
                .layer(DefaultBodyLimit::max(documents::paste::PASTE_LIMIT)),
        )
        .layer(DefaultBodyLimit::max(FORM_LIMIT))
}
