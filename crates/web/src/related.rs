//! "Related releases" on a release page: those sharing its themes and countries, then the
//! newest about its region.

use portico_store::Release;

use crate::ctx::Ctx;
use crate::views::ReleaseCard;
use crate::{App, WebError};

/// Releases shown under "Related releases".
pub const RELATED_COUNT: u32 = 4;

/// The related releases of `release`, as cards, for the page in `ctx`.
pub async fn related_cards(app: &App, ctx: &Ctx, release: &Release) -> Result<Vec<ReleaseCard>, WebError> {
    let nearby = nearby_countries(&release.countries);
    let related =
        app.store().related_releases(ctx.site.id, &ctx.lang, release.id, &nearby, RELATED_COUNT).await?;
    let sites = app.sites();
    Ok(related.iter().map(|r| ReleaseCard::new(ctx, r, &sites)).collect())
}

/// Every country (upper-case code) in the continental regions of `countries`: the region a
/// reader of a release about them is likely to follow.
fn nearby_countries(countries: &[String]) -> Vec<String> {
    let mut regions: Vec<&'static portico_geo::Region> =
        countries.iter().filter_map(|code| portico_geo::country(code)?.region).collect();
    regions.sort_by_key(|r| r.code);
    regions.dedup_by_key(|r| r.code);
    let mut codes: Vec<String> = regions
        .into_iter()
        .flat_map(|region| portico_geo::countries_in(region).map(|c| c.iso2.to_owned()))
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearby_countries_share_a_region() {
        let nearby = nearby_countries(&["SV".to_owned()]);
        assert!(nearby.iter().any(|c| c == "CO"), "Colombia is in the Americas too");
        assert!(!nearby.iter().any(|c| c == "KE"), "Kenya is not");
        assert!(nearby_countries(&["XX".to_owned()]).is_empty());
    }
}
