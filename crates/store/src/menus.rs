use portico_content::SiteId;
use serde::Serialize;

use crate::{Result, Store, now, on_pool};

/// One entry of a site's menu, with its children in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MenuItem {
    /// What the link says.
    pub label: String,
    /// Site-relative path without the language ("our-work/partnerships"); empty for home.
    pub path: String,
    /// Sub-entries, in order.
    pub children: Vec<MenuItem>,
}

/// A menu entry to store; the same shape as [`MenuItem`].
pub type NewMenuItem = MenuItem;

#[derive(sqlx::FromRow)]
struct MenuRow {
    id: i64,
    parent_id: Option<i64>,
    label: String,
    path: String,
}

impl Store {
    /// Replaces the menu of a site in one language with `items`, in one transaction with its
    /// audit entry.
    pub async fn replace_menu(
        &self,
        site: SiteId,
        language: &str,
        items: &[NewMenuItem],
        audit: &crate::Audit,
    ) -> Result<()> {
        // Depth-first, parents before children, so each child can name its parent's new id.
        let mut flat: Vec<(Option<usize>, i32, &MenuItem)> = Vec::new();
        fn walk<'a>(
            items: &'a [MenuItem],
            parent: Option<usize>,
            flat: &mut Vec<(Option<usize>, i32, &'a MenuItem)>,
        ) {
            for (position, item) in items.iter().enumerate() {
                flat.push((parent, position as i32, item));
                let index = flat.len() - 1;
                walk(&item.children, Some(index), flat);
            }
        }
        walk(items, None, &mut flat);
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            sqlx::query("delete from menu_items where site_id = $1 and language = $2")
                .bind(site.0)
                .bind(language)
                .execute(&mut *tx)
                .await?;
            let mut ids: Vec<i64> = Vec::with_capacity(flat.len());
            for (parent, position, item) in &flat {
                let id: i64 = sqlx::query_scalar(
                    "insert into menu_items (site_id, language, parent_id, position, label, path)
                     values ($1, $2, $3, $4, $5, $6) returning id",
                )
                .bind(site.0)
                .bind(language)
                .bind(parent.map(|p| ids[p]))
                .bind(position)
                .bind(&item.label)
                .bind(&item.path)
                .fetch_one(&mut *tx)
                .await?;
                ids.push(id);
            }
            sqlx::query(
                "insert into change_log (at, site_id, entity, entity_id, action)
                 values ($1, $2, 'menu', $2, 'replace')",
            )
            .bind(now())
            .bind(site.0)
            .execute(&mut *tx)
            .await?;
            crate::audit::record_audit!(tx, now(), audit, site.0, "menu", site.0);
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        }
        .await)?;
        Ok(())
    }

    /// The menu tree of a site in one language.
    pub async fn menu(&self, site: SiteId, language: &str) -> Result<Vec<MenuItem>> {
        let rows: Vec<MenuRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "select id, parent_id, label, path from menu_items
                 where site_id = $1 and language = $2 order by position, id",
            )
            .bind(site.0)
            .bind(language)
            .fetch_all(pool)
            .await
        })?;
        fn children_of(rows: &[MenuRow], parent: Option<i64>) -> Vec<MenuItem> {
            rows.iter()
                .filter(|row| row.parent_id == parent)
                .map(|row| MenuItem {
                    label: row.label.clone(),
                    path: row.path.clone(),
                    children: children_of(rows, Some(row.id)),
                })
                .collect()
        }
        Ok(children_of(&rows, None))
    }
}
