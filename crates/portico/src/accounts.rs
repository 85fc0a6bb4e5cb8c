//! `portico user add` and `portico token add`: accounts and API tokens from the command line.

use std::io::BufRead;

use anyhow::{Context, Result, bail};
use portico_content::Role;
use portico_store::{NewUser, Store, StoreError};

use crate::sites::cli_actor;
use portico_web::session as auth;

/// What `portico user add` was given.
#[derive(Debug, Clone)]
pub struct UserAdd {
    /// Login.
    pub email: String,
    /// Role name.
    pub role: String,
    /// Site keys the role applies to.
    pub sites: Vec<String>,
    /// Display name.
    pub name: String,
    /// Read the password from standard input instead of prompting.
    pub password_stdin: bool,
}

fn read_password(from_stdin: bool) -> Result<String> {
    let password = if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        line.trim_end_matches(['\n', '\r']).to_owned()
    } else {
        let first = rpassword::prompt_password("Password: ").context("cannot read the password")?;
        let second = rpassword::prompt_password("Password again: ").context("cannot read the password")?;
        if first != second {
            bail!("the two passwords differ");
        }
        first
    };
    if password.chars().count() < auth::MIN_PASSWORD {
        bail!("the password needs at least {} characters", auth::MIN_PASSWORD);
    }
    Ok(password)
}

/// Creates a user; every argument is checked before anything is written.
pub async fn add_user(store: &Store, args: &UserAdd) -> Result<()> {
    let email = args.email.trim().to_lowercase();
    if !portico_web::admin::is_plausible_email(&email) {
        bail!("--email {:?} is not an email address", args.email);
    }
    let role: Role = args.role.parse().map_err(|_| {
        anyhow::anyhow!("--role {:?} is not a role (admin, editor, author, translator)", args.role)
    })?;
    let mut sites = Vec::new();
    for key in &args.sites {
        let site = store.site_by_key(key).await?.with_context(|| format!("--site {key:?}: no such site"))?;
        sites.push(site.id);
    }
    if role != Role::Admin && sites.is_empty() {
        bail!("a {role} needs at least one --site");
    }
    let password = read_password(args.password_stdin)?;
    let password_hash = auth::hash_password(password).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let user = NewUser { email: email.clone(), name: args.name.clone(), password_hash, role, sites };
    let audit =
        cli_actor().doing("user.create").with_detail(format!("{email} as {role}, from the command line"));
    match store.create_user(&user, &audit).await {
        Ok(_) => {}
        Err(StoreError::Conflict { .. }) => bail!("a user with email {email} already exists"),
        Err(err) => return Err(err.into()),
    }
    println!("Created {role} {email}.");
    Ok(())
}

/// Creates an API token for a user and prints it once.
pub async fn add_token(store: &Store, email: &str, name: &str) -> Result<()> {
    let Some((user, _)) = store.user_for_login(email).await? else {
        bail!("--email {email:?}: no such user");
    };
    let token = format!("ptc_{}", auth::random_token().map_err(|e| anyhow::anyhow!("{e}"))?);
    let audit =
        cli_actor().doing("token.create").with_detail(format!("for {}, from the command line", user.email));
    store.create_api_token(user.id, name, &auth::token_hash(&token), &audit).await?;
    println!("{token}");
    eprintln!("This token is shown once; it is stored only as a hash.");
    Ok(())
}

/// The user with this login, disabled or not: the way back in must also work for an account
/// an admin disabled by mistake, which `user_for_login` would not find.
async fn user_by_email(store: &Store, email: &str) -> Result<portico_store::User> {
    let wanted = email.trim().to_lowercase();
    store
        .users()
        .await?
        .into_iter()
        .find(|user| user.email == wanted)
        .with_context(|| format!("--email {email:?}: no such user"))
}

/// Removes a user's second factor and recovery codes and ends their sessions: the way back
/// in for the last admin whose phone and codes are both gone, when no other admin can reset it
/// from the back office. Whoever can run this already holds the database.
pub async fn reset_two_factor(store: &Store, email: &str) -> Result<()> {
    let user = user_by_email(store, email).await?;
    let audit = cli_actor()
        .doing("user.twofactor.reset")
        .with_detail(format!("two-factor sign-in of {} removed from the command line", user.email));
    if store.reset_two_factor(user.id, &audit).await? {
        println!(
            "Removed the two-factor sign-in of {}; they set it up again at their next sign-in.",
            user.email
        );
    } else {
        println!("{} has no two-factor sign-in; nothing to remove.", user.email);
    }
    Ok(())
}

/// Sets a user's password; their sessions end and their API tokens are revoked, as when they
/// change it themselves.
pub async fn set_password(store: &Store, email: &str, password_stdin: bool) -> Result<()> {
    let user = user_by_email(store, email).await?;
    let password = read_password(password_stdin)?;
    let password_hash = auth::hash_password(password).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let audit = cli_actor()
        .doing("user.password.set")
        .with_detail(format!("password of {} set from the command line", user.email));
    store.set_password(user.id, &password_hash, None, &audit).await?;
    println!("Set the password of {}; their sessions ended and their API tokens were revoked.", user.email);
    Ok(())
}
