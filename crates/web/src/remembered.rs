//! Menus and themes, held in memory: every public page shows a menu, the news list and search
//! show the themes, and they change a few times a year. Read from the store the first time a
//! page needs them and forgotten when the change log says they changed (the same subscription
//! that keeps the page cache right, so a write request is answered only after its own change
//! is forgotten here). Sites are kept the same way, in [`crate::App::sites`].

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use portico_content::SiteId;
use portico_store::{MenuItem, Store, StoreError, Theme};

/// Each site's menu in each of its languages.
type Menus = HashMap<(SiteId, String), Arc<Vec<MenuItem>>>;

#[derive(Default)]
pub(crate) struct Remembered {
    /// Counts what was forgotten: a value read from the store before a change was forgotten
    /// may predate the change, and is not kept.
    generation: AtomicU64,
    menus: RwLock<Menus>,
    themes: RwLock<Option<Arc<Vec<Theme>>>>,
}

impl Remembered {
    pub(crate) async fn menu(
        &self,
        store: &Store,
        site: SiteId,
        language: &str,
    ) -> Result<Arc<Vec<MenuItem>>, StoreError> {
        if let Some(menu) = read(&self.menus).get(&(site, language.to_owned())) {
            return Ok(menu.clone());
        }
        let generation = self.generation.load(Ordering::Acquire);
        let menu = Arc::new(store.menu(site, language).await?);
        let mut menus = write(&self.menus);
        if self.generation.load(Ordering::Acquire) == generation {
            menus.insert((site, language.to_owned()), menu.clone());
        }
        Ok(menu)
    }

    /// Every theme, by name.
    pub(crate) async fn themes(&self, store: &Store) -> Result<Arc<Vec<Theme>>, StoreError> {
        if let Some(themes) = read(&self.themes).as_ref() {
            return Ok(themes.clone());
        }
        let generation = self.generation.load(Ordering::Acquire);
        let themes = Arc::new(store.themes().await?);
        let mut kept = write(&self.themes);
        if self.generation.load(Ordering::Acquire) == generation {
            *kept = Some(themes.clone());
        }
        Ok(themes)
    }

    /// Forgets one site's menus.
    pub(crate) fn forget_site(&self, site: SiteId) {
        let mut menus = write(&self.menus);
        self.generation.fetch_add(1, Ordering::AcqRel);
        menus.retain(|(of, _), _| *of != site);
    }

    /// Forgets everything.
    pub(crate) fn forget_all(&self) {
        let mut menus = write(&self.menus);
        let mut themes = write(&self.themes);
        self.generation.fetch_add(1, Ordering::AcqRel);
        menus.clear();
        *themes = None;
    }
}

// A poisoned lock still holds whole values: writers replace entries, never half of one.
fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|e| e.into_inner())
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|e| e.into_inner())
}
