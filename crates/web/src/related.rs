//! "Related releases" on a release page: those sharing its themes and countries, then the
//! newest about its region. Weighed on write by the store's background job (see
//! `portico_store::Store::refresh_related`).

use portico_store::Release;

use crate::ctx::Ctx;
use crate::views::ReleaseCard;
use crate::{App, WebError};

/// Releases shown under "Related releases".
pub const RELATED_COUNT: u32 = 4;

/// The related releases of `release`, as cards, for the page in `ctx`.
pub async fn related_cards(app: &App, ctx: &Ctx, release: &Release) -> Result<Vec<ReleaseCard>, WebError> {
    let nearby = portico_geo::nearby_countries(&release.countries);
    let related =
        app.store().related_releases(ctx.site.id, &ctx.lang, release.id, &nearby, RELATED_COUNT).await?;
    let sites = app.sites();
    Ok(related.iter().map(|r| ReleaseCard::new(ctx, r, &sites)).collect())
}
