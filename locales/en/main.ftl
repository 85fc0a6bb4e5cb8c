# Portico's interface strings, English. Every other language has the same keys.

## Dates
date-long = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Frame
skip-to-content = Skip to main content
nav-main = Main
nav-footer = Footer
nav-breadcrumb = Breadcrumb
breadcrumb-home = Home
nav-news = News
footer-un = Part of the United Nations system.
language-switcher = Languages
language-current = { $language } (current language)

## Lists and releases
release-count = { $count ->
    [one] { $count } press release
   *[other] { $count } press releases
}
from-global-site = From the global site
translation-missing = This page is not available in { $language }. Here is the { $original } version.
# One number alone, written as the page's language writes numbers.
number = { $n }

## Home, pages, lists
home-latest-news = Latest news
home-all-releases = All press releases
home-explore = Explore
page-in-this-section = In this section
release-countries-label = Countries
pagination-label = Pagination
pagination-previous = Previous
pagination-previous-label = Previous page
pagination-next = Next
pagination-next-label = Next page
# Read before a page number by screen readers: "Page 3".
pagination-page = Page
title-page = { $title } – page { $page }

## The news list and its filters
news-heading = News and press releases
news-about = News about { $country }
news-description = The organization's press releases, newest first.
news-total-none = No press releases found.
news-total-paged = { $releases } · page { $page } of { $pages }
news-none = No press releases match these filters.
news-filter-label = Filter press releases
filter-country = Country
filter-all-countries = All countries
filter-theme = Theme
filter-all-themes = All themes
filter-year = Year
filter-all-years = All years
filter-apply = Apply filters
filter-active = Active filters
filter-remove = Remove
filter-remove-label = Remove filter { $label }: { $value }
filter-clear = Clear all filters
feed-label = News: { $filters }
feed-subtitle = Press releases of { $site }, newest first.
site-description = News, press releases and stories from { $site }.

## Bad addresses of lists (the query string)
bad-query = The query string could not be read.
bad-country = “{ $value }” is not a country code. Use a two-letter ISO 3166-1 code, such as sv for El Salvador.
bad-theme = “{ $value }” is not one of our themes.
bad-year = “{ $value }” is not a year. Use four digits, such as 2015.
bad-page = “{ $value }” is not a page number. Pages are numbered from 1.

## A press release
release-kicker = Press release
release-about = About this release
release-media-contacts = { $count ->
    [one] Media contact
   *[other] Media contacts
}
contact-phone = Tel:
contact-email = Email:
release-countries = Countries
release-themes = Themes
release-partners = Partners
release-programme = Programme
related-releases = Related releases

## Where we work
nav-where-we-work = Where we work
regions-label = Regions
region-other = Other territories
subregion-other = Outside the UN regions
country-description = Our work and news in { $country }.
country-releases = Press releases
country-all-releases = { $count ->
    [one] The only press release about { $country }
   *[other] All { $count } press releases about { $country }
}
country-no-releases = There are no press releases about { $country } yet.

## News from elsewhere
elsewhere-heading = News from elsewhere
elsewhere-description = News from partners and other sites we follow, newest first.
elsewhere-intro = News from partners and other sites we follow. Each item belongs to its source; follow its link to read it there.
elsewhere-newer = Newer
elsewhere-newer-label = Newer items
elsewhere-older = Older
elsewhere-older-label = Older items
elsewhere-none = Nothing from elsewhere yet.
elsewhere-own-releases = Our own press releases

## Error pages
error-kicker = Error { $status }
error-home-link = Go to the home page
error-news-link = Read the latest press releases
error-not-found-heading = Page not found
error-not-found-message = We could not find the page you asked for. It may have moved, or the address may be mistyped.
error-bad-request-heading = This request could not be understood
error-bad-request-message = Please check the address and try again.
error-forbidden-heading = Not allowed
error-forbidden-message = Your role does not allow this here. Ask an administrator if you need it.
error-csrf-message = This form has expired or was sent from another site. Go back, reload the page and try again.
error-too-many-heading = Please wait
error-too-many-message = { $seconds ->
    [one] Too many failed attempts. Try again in { $seconds } second.
   *[other] Too many failed attempts. Try again in { $seconds } seconds.
}
error-too-large-heading = Too large
error-conflict-heading = This was changed in the meantime
error-conflict-message = Someone else changed this, or the value is already taken. Reload the page and try again.
error-unprocessable-heading = This request could not be carried out
error-unprocessable-message = It names something that does not exist. Check the values and try again.
error-server-heading = Something went wrong on our side
error-server-message = The page could not be shown. Please try again in a moment.

## Back office: frame and navigation
admin-nav-label = Back office
admin-nav-documents = Documents
admin-nav-media = Media
admin-nav-translations = Translations
admin-nav-menus = Menus
admin-nav-sites = Sites
admin-nav-users = Users
admin-nav-audit = Audit log
admin-nav-feeds = Feeds
admin-nav-account = Account
admin-sign-out = Sign out
role-admin = admin
role-editor = editor
role-author = author
role-translator = translator

## Back office: signing in
admin-sign-in = Sign in
admin-sign-in-with = Sign in with { $provider }
admin-sign-in-heading = Sign in to Portico
field-email = Email
field-password = Password
error-login-empty = Enter your email address and password.
error-login-wrong = That email and password do not match an account.
error-login-sso-only = Password sign-in is turned off here: sign in with your organization's account.
error-sso-state = This sign-in has expired, was already used, or was started in another browser. Please start again.
error-sso-refused = { $provider } did not sign you in. Try again, or ask your administrator.
error-sso-token = { $provider } sent a sign-in that did not pass Portico's checks. Try again; if it keeps happening, tell your administrator.
error-sso-unreachable = { $provider } cannot be reached right now. Try again in a few minutes.
error-sso-no-role = Your account at { $provider } is in no group that gives access to Portico. Ask your administrator to add you to one.
error-sso-disabled = Your Portico account is disabled. Ask an administrator to enable it again.
error-sso-email = Portico cannot match your { $provider } account to a Portico account by its email address. Ask your administrator.

## Back office: notices after an action
notice-saved = Saved.
notice-created = Created.
notice-submitted = Sent for review.
notice-published = Published.
notice-scheduled = Scheduled.
notice-unpublished = Taken off the public site.
notice-archived = Archived.
notice-returned = Sent back to draft.
notice-restored = The revision was restored as a new revision.
notice-uploaded = Uploaded.
notice-password = Your password was changed. Other sessions were signed out.
notice-failed-logins = Someone tried to sign in to your account with a wrong password since your last sign-in. If it was not you, choose a new, stronger password below.
notice-revoked = The token was revoked.
notice-menu = The menu was saved.
notice-user = The user was created.
admin-col-access = Access
admin-user-active = Active
admin-user-disabled = Disabled
admin-disable-user = Disable
admin-enable-user = Enable
notice-user-disabled = The user was disabled: their sessions and API tokens have ended.
notice-user-enabled = The user may sign in again. Their old API tokens stay revoked.
error-disable-self = You cannot disable your own account.
notice-loggedout = You are signed out.
notice-language = The back office now uses the language you chose.
notice-token-once = Copy the token now: it is shown only once.

## Back office: shared words
admin-all = All
admin-filter = Filter
admin-save = Save
admin-never = never
admin-col-title = Title
admin-col-kind = Kind
admin-col-site = Site
admin-col-language = Language
admin-col-status = Status
admin-col-name = Name
admin-col-email = Email
admin-col-role = Role
admin-col-sites = Sites
error-form-too-large = The form is larger than the { $mb } MB we accept. Shorten the text and try again.
error-form-unreadable = The form could not be read: { $reason }
error-choose-site = Choose a site.

## Back office: documents
admin-new-release = New press release
admin-new-page = New page
admin-filter-documents = Filter documents
admin-kind = Kind
admin-kind-releases = Press releases
admin-kind-pages = Pages
admin-status = Status
admin-documents-caption = Documents, most recently changed first
admin-col-last-saved = Last saved
admin-no-documents = No documents match.
kind-release = release
kind-page = page
kind-vacancy = vacancy
kind-publication = publication
status-draft = Draft
status-in_review = In review
status-scheduled = Scheduled
status-published = Published
status-archived = Archived
status-unknown = Unknown

## Back office: the editor
admin-title-edit = Edit: { $title }
admin-revisions = Revisions
admin-view-on-site = View on the site
admin-doc-revision = revision { $number }
admin-doc-saved = saved { $time }
admin-doc-publication-time = publication time { $time }
admin-errors-heading = { $count ->
    [one] Nothing was saved: please fix { $count } problem
   *[other] Nothing was saved: please fix { $count } problems
}
field-site = Site
field-title = Title
field-slug = Slug
field-path = Path
field-slug-or-path = Slug or path
hint-slug-release = The end of the address, as in /en/news/slug. Left empty, it is made from the title.
hint-slug-page = The address under the language, such as our-work/partnerships.
field-dateline = Dateline
hint-dateline = The place the release is from, such as San Salvador.
field-published-at = Date and time (UTC)
hint-published-at = Shown as the release's date. Publishing now uses it when it is in the past.
field-publication-time = Publication time
field-summary = Summary
hint-summary = One or two sentences: the news in brief, used in lists, feeds and search results.
field-body = Body (Markdown)
field-body-short = Body
hint-body = ## for headings, **bold**, *italics*, [links](https://…), - for lists, > for quotes.
field-countries = Countries
hint-countries = Two-letter ISO codes separated by commas, such as SV, GT, HN.
field-themes = Themes
field-partners = Partner organizations
field-partners-short = Partners
field-programme = Programme
field-programme-none = No programme
field-contacts = Media contacts
field-contacts-short = Contacts
field-image = Lead image
admin-no-image = No image
admin-image-no-alt = { $file } (no alt text yet)
hint-image-link = Upload images under Media.
hint-image = An image needs alternative text before the release can be published.
admin-create-draft = Create draft
admin-preview = Preview
admin-preview-hint = Press Preview to see the body as readers will.
admin-workflow = Workflow
admin-publish-at = Publish at (UTC)
workflow-submit = Submit for review
workflow-publish = Publish now
workflow-schedule = Schedule
workflow-return = Send back to draft
workflow-unpublish = Unpublish
workflow-unschedule = Cancel the schedule
workflow-archive = Archive
workflow-restore-draft = Back to draft
admin-conflict = Someone else saved this document while you were editing (it is now at revision { $revision }). Nothing was saved. Your text is kept below: compare it with theirs under Revisions, then save again to replace their version with yours.
error-published-at = Use a date and time such as 2026-11-28T09:00.
error-image-site = Choose an image of this site.
error-image-list = Choose an image from the list.
error-slug-taken-release = Another release in this language already uses this slug.
error-slug-taken-page = Another page in this language already has this path.
error-not-in-list = “{ $value }” is not in the list.
error-lost-revision = The form lost its revision number; reload the page.
workflow-need-time = Choose the date and time (UTC) to publish at.
workflow-time-passed = The time to publish at has passed. Choose a time in the future, or publish now.
workflow-unknown = Unknown workflow action.
workflow-refused = A document that is “{ $from }” cannot go to “{ $to }”.
workflow-image-alt = The lead image has no alternative text. Add it under Media before publishing.
workflow-status-changed = Someone else changed this document's status just now. Reload and try again.
refusal-forbidden = Your role does not allow this on that site.
refusal-translation-is-live = This translation is published or scheduled, so it cannot be changed without review. Ask an editor to return it to draft, then edit it and submit it again.
error-too-large = At most { $max } KB.
error-too-deep = Block quotes, lists and other elements may nest at most { $max } levels deep.
# Problems with a field, by the code the content rules give them.
error-required = This field is required.
error-too-long = At most { $max } characters.
error-control-characters = Contains control characters.
error-invalid-slug = Use lowercase letters, digits and single hyphens, at most 80 characters.
error-invalid-path = Use lowercase words joined by hyphens, with / between levels (our-work/partnerships).
error-unknown-country = "{ $code }" is not an ISO 3166-1 country code.

## Back office: revisions
admin-title-revisions = Revisions: { $title }
admin-back-to-editor = Back to the editor
admin-revisions-caption = Revisions, newest first
admin-col-revision = Revision
admin-col-saved = Saved
admin-col-by = By
admin-col-from = From
admin-col-to = To
admin-restore = Restore
admin-current = current
admin-author-import = import
admin-compare-from = Compare from revision { $number }
admin-compare-to = Compare to revision { $number }
admin-restore-revision = Restore revision { $number }
admin-compare = Compare selected revisions
admin-title-diff = Revision { $from } → { $to }
admin-diff-heading = Changes from revision { $from } to revision { $to }
admin-all-revisions = All revisions
admin-diff-removed = removed:
admin-diff-added = added:
admin-diff-same = The two revisions are the same.
error-choose-revisions = Choose two revisions to compare.
error-no-revision = There is no revision { $number }.
restore-stale = Someone saved this document just now. Reload and try again.
restore-slug-taken = That revision's slug is now used by another document; restore it by hand.

## Back office: media
admin-title-media = Media
admin-upload = Upload
field-file = File
hint-file = JPEG, PNG or WebP images, or PDF files; at most { $mb } MB.
field-alt = Alternative text
field-media-public = Public now
hint-media-public = Otherwise only signed-in users see it until something published uses it.
hint-alt = What the image shows, for people who cannot see it. Required before a release with this image is published.
field-caption = Caption
field-credit = Credit
admin-no-alt = no alt text
admin-nothing-uploaded = Nothing uploaded yet.
admin-size-mb = { $size } MB
admin-size-kb = { $size } KB
admin-all-media = All media
admin-original-file = Original file
admin-pixels = pixels
admin-uploaded-at = uploaded { $time }
error-media-text-too-long = Alt text, caption and credit may be at most { $max } characters.
error-upload-too-large = Uploads may be at most { $mb } MB.
error-upload-unreadable = The upload could not be read: { $reason }
media-empty = The file is empty.
media-too-large = The file is { $size } MB; files may be at most { $max } MB.
media-not-image = This file is not a JPEG, PNG or WebP image.
media-not-pdf = This file is not a PDF document.
media-corrupt = The file is damaged or incomplete ({ $detail }).
media-active-content = This PDF contains { $what }, which is not accepted. Save it without (for example, print it to a new PDF) and upload it again.
media-too-many-pixels = The image is { $width } × { $height } pixels; images may be at most { $side } pixels on a side and { $megapixels } megapixels in all.
media-encode-failed = The image could not be converted ({ $detail }).

## Back office: menus
admin-title-menu = Menu of { $site }
admin-sites-label = Sites
admin-menu-hint = Rows appear in the order of their numbers. A sub-item goes under the nearest top-level item above it. Empty the label to remove a row; fill an empty row to add one. Paths are written without the language ({ $language }), like this:
admin-col-order = Order
admin-col-label = Label
admin-col-path = Path
admin-col-sub-item = Sub-item
admin-row-order = Order of row { $row }
admin-row-label = Label of row { $row }
admin-row-path = Path of row { $row }
admin-row-child = Row { $row } is a sub-item
admin-save-menu = Save the menu
error-menu-row = Row { $row }: labels take at most 100 characters; paths look like our-work/partnerships.
error-menu-first-child = The first row cannot be a sub-item: there is nothing above it.

## Back office: audit log
admin-title-audit = Audit log
admin-filter-audit = Filter the audit log
admin-audit-user = User
admin-audit-action = Action starts with
admin-audit-site = Site key
admin-audit-since = From
admin-audit-until = Until
admin-audit-caption = Privileged actions, newest first
admin-col-when = When
admin-col-who = Who
admin-col-action = Action
admin-col-on = On
admin-col-detail = Detail
admin-col-client = From
admin-no-entries = No entries match.
error-date-field = { $field }: use a date such as 2026-11-28.

## Back office: your account
admin-title-account = Your account
admin-you-are = You are { $email }, { $role } on { $sites }.
admin-all-sites = all sites
admin-change-password = Change your password
admin-password-at-provider = Your password and sign-in factors are managed at { $provider }.
field-current-password = Current password
field-new-password = New password
hint-new-password = At least { $min } characters. Other sessions are signed out.
field-confirm-password = New password again
admin-change-password-button = Change password
admin-api-tokens = API tokens
admin-tokens-hint = A token lets a program use the JSON API with your rights. Send it in this header:
admin-new-token = Your new token
admin-new-token-hint = (copy it now; it will not be shown again):
admin-col-created = Created
admin-col-last-used = Last used
admin-revoke = Revoke
admin-token-revoked = revoked
admin-revoke-token = Revoke { $name }
field-token-name = Name of a new token
admin-create-token = Create token
admin-language = Language of the back office
admin-language-hint = For you, on this browser. The public site keeps its own languages.
admin-language-browser = As my browser asks
admin-language-button = Use this language
error-language = Choose one of the languages offered.
error-password-current = Your current password is not right.
error-password-short = Choose a new password of at least { $min } characters.
error-password-differ = The two new passwords differ.
error-token-name = Name the token (at most 100 characters) after what will use it.

## Back office: users
admin-title-users = Users
admin-add-user = Add a user
field-name = Name
field-role = Role
field-initial-password = Initial password
admin-sites-not-for-admins = Sites (not needed for admins)
admin-add-user-button = Add user
admin-sites-all = all
error-unknown-site = Unknown site "{ $key }".
error-email = Enter a valid email address.
error-user-password = The password needs at least { $min } characters.
error-role = Choose a role.
error-user-exists = A user with this email already exists.

## Back office: feeds from elsewhere
admin-title-feeds = Feeds from elsewhere
admin-feeds-intro = Each site can follow RSS or Atom feeds of partners and other sites. Their items appear on the site's “{ $page }” page, marked with their source and linking back to it. Feeds are fetched on their schedule from public addresses only; their HTML is cleaned before it is stored.
admin-col-source = Source
admin-col-filters = Filters
admin-col-every = Every
admin-col-last-fetch = Last fetch
admin-col-items = Items
admin-col-actions = Actions
admin-feed-untitled = (named by the feed)
admin-feed-keywords = Keywords: { $terms }
admin-feed-categories = Categories: { $terms }
admin-feed-all-items = all items
admin-feed-every = { $minutes } min
feed-status-paused = paused
feed-status-never = not fetched yet
feed-status-ok = ok
feed-status-not-modified = ok (not modified)
feed-status-failed = failed
admin-feed-fetch = Fetch now
admin-feed-pause = Pause
admin-feed-resume = Resume
admin-feed-remove = Remove
admin-feed-none = This site follows no feed.
admin-feed-follow = Follow a feed
field-feed-url = Feed address
field-feed-title = Source's name
hint-feed-title = Shown beside each item. Leave empty to use the feed's own title.
field-feed-every = Fetch every (minutes)
field-feed-keywords = Only items mentioning
hint-feed-keywords = Keywords separated by commas; empty keeps every item.
field-feed-categories = Only items in categories
hint-feed-categories = Categories separated by commas, as the feed names them; empty keeps every item.
admin-feed-follow-button = Follow this feed
notice-feed-added = The feed was added. Fetch it now, or wait for its schedule.
notice-feed-removed = The feed and its items were removed.
notice-feed-enabled = The feed is followed again.
notice-feed-disabled = The feed is paused; its items are hidden.
notice-feed-fetched = Fetched.
notice-feed-not-modified = Fetched: nothing new since the last time.
notice-feed-failed = The fetch failed; the reason is shown beside the feed.
notice-feed-busy = The feed is being fetched right now (by this server or another); look again in a moment.
error-feed-url-long = The feed address is too long.
error-feed-url = Feed address: { $reason }.
error-feed-title = The source's name takes at most 200 characters.
error-feed-every = Fetch every { $min } to { $max } minutes.
error-feed-keywords = Keywords: at most { $max }, separated by commas, each up to 100 characters.
error-feed-categories = Categories: at most { $max }, separated by commas, each up to 100 characters.
error-feed-exists = This site already follows this feed.
error-feed-enabled = Say whether to follow the feed: enabled=true or false.
admin-title-new-release = New press release
admin-title-new-page = New page
admin-languages = Languages
admin-original = original
admin-out-of-date = out of date
admin-partner-logo = Logo
admin-partner-logo-current = The logo of { $name }
admin-partner-logo-none = No logo yet: release pages show the partner's name alone.
admin-partner-logo-file = Logo file
admin-partner-logo-hint = PNG, JPEG or WebP. It is shown small beside the partner's name on public pages, and becomes public at once.
admin-partner-logo-upload = Upload logo
admin-partner-logo-remove = Remove logo
admin-source-heading = The original, in { $language }
admin-source-revisions = Original at revision { $revision }; this translation was last saved against revision { $translated }.
admin-source-changed = { $count ->
    [one] One part changed since then: it is marked.
   *[other] { $count } parts changed since then: they are marked.
}
admin-source-up-to-date = Nothing in the original changed since this translation was last saved.
admin-source-unknown = The revision this translation was made from is not kept, so nothing is marked.
admin-source-changed-mark = Changed since this translation:
admin-translate-into = Translate into { $language }
notice-translation = A translation was started from the original. Translate it, save, and publish.
# A moment in the back office: a date as date-long writes it, and the time of day in UTC.
date-time = { $date }, { $time } UTC

## Back office: sites and translations
admin-title-translations = Translations: { $site }
admin-col-document = Document
admin-links = Links
admin-view = View
admin-add-site = Add a site
admin-add-site-button = Add site
admin-all-sites-link = All sites
field-site-key = Key
hint-site-key = Short and stable: used in /sites/key/ and on the command line.
hint-site-languages = Codes in order, such as es, en. The first is the default.
hint-site-country = For a country office: its ISO code, such as SV. Global releases about it then appear on the site.
field-site-hosts = Host names
hint-site-hosts = Separated by commas, such as elsalvador.iom.int.
field-site-names = Name in other languages
hint-site-names = One per line, like this:
field-site-missing = When a page is missing in a language
site-missing-fallback = Show the default language's version, with a notice
site-missing-not-found = Answer “page not found”
error-site-host-taken = A host name is already used by another site.
error-site-key-taken = This key is already used by another site.
error-site-language = { $site } does not publish in "{ $language }".
error-translation-exists = This document already has a { $language } version.
translations-summary = { $missing } missing, { $outdated } out of date.
translations-caption = Each document in each of the site's languages
translations-none = This site has no documents yet.
translation-missing-cell = Missing
translation-outdated-cell = Out of date
translation-original-cell = Original
translation-current-cell = Up to date

## Search
search-site-label = Site search
search-this-site = Search this site
search-placeholder = Search
search-button = Search

## The search page
search-heading = Search
search-title = Search: { $text }
search-results-for = Search results for “{ $text }”
search-description = Search the press releases and pages of this site.
search-for = Search for
search-tip-words = Every word must match.
search-tip-phrase = Put a phrase in quotes, as in
search-tip-minus = Put a minus before a word to leave it out, as in
search-intro = Search the press releases and pages of this site, in every language it publishes.
search-unavailable = Search is not available right now. Please try again in a few minutes.
search-tip-browse = Browse the latest news
search-tip-spelling = Check the spelling, or try fewer or more general words.
search-tip-filter = Remove a filter to widen the search.
search-nothing = Nothing matched.
search-nothing-text = Nothing matched “{ $text }”.
search-nothing-filters = Nothing matched with these filters.
search-nothing-text-filters = Nothing matched “{ $text }” with these filters.
search-refine = Refine the results
search-selected-remove = (selected: remove)
search-no-results = No results
search-result-count = { $count ->
    [one] { $count } result
   *[other] { $count } results
}
search-cut = Your search was long: only its first { $max } characters were used.
search-unreadable = The search could not be read. Check the address and try again.
search-too-many-values = Too many values for { $facet }: choose at most { $max }.
search-kind-page = Page
search-facet-country = Country
search-facet-region = Region
search-facet-theme = Theme
search-facet-kind = Type
search-facet-year = Year
search-facet-language = Language
search-more-country = More countries
search-more-region = More regions
search-more-theme = More themes
search-more-kind = More types
search-more-year = More years
search-more-language = More languages
bad-region = “{ $value }” is not a region. Use a UN M49 region code, such as 019 for the Americas.
bad-kind = “{ $value }” is not a type of content. Use one of: { $kinds }.
bad-language = “{ $value }” is not a language of this site.

## Two-factor sign-in
admin-code-heading = Enter your sign-in code
admin-code-intro = Your password for { $email } is right. Now enter the six-digit code your authenticator app shows.
field-code = Code
hint-code = The six digits from your authenticator app, or one of your recovery codes.
admin-code-button = Verify
admin-code-cancel = Cancel and sign out
error-code-empty = Enter the code from your authenticator app.
error-code-wrong = That code is not right. Check your phone’s clock and try the newest code.
error-code-used = That code was used already. Wait for the next one.
error-code-enrol = That code does not match the new secret. Enter the newest six-digit code from your app.
error-two-factor-already-on = Two-factor sign-in is on already. An admin can reset it if you lost your phone.
error-two-factor-not-started = Start setting up two-factor sign-in first.
error-two-factor-none = This user does not use two-factor sign-in.
admin-title-two-factor = Two-factor sign-in
admin-two-factor-must-enrol = Your role requires two-factor sign-in. Set it up now to use the back office.
admin-two-factor-required = Your role requires two-factor sign-in.
admin-recovery-codes = Recovery codes
admin-recovery-codes-once = Write these codes down now: they are shown only once.
admin-recovery-codes-hint = Each code signs you in once, instead of a code from your phone, if you lose it.
admin-two-factor-continue = Continue to the back office
admin-two-factor-status = Status
admin-two-factor-on = Two-factor sign-in is on.
admin-two-factor-on-since = Two-factor sign-in is on since { $since }.
admin-recovery-left = { $count ->
    [one] { $count } recovery code left.
   *[other] { $count } recovery codes left.
}
admin-two-factor-lost = Lost your phone and your recovery codes? Ask an admin to reset your two-factor sign-in.
admin-two-factor-scan = Scan this code with your authenticator app
admin-two-factor-scan-hint = Use any app for time-based codes (TOTP), then enter the code it shows to switch two-factor sign-in on.
admin-two-factor-qr-label = QR code for your authenticator app
admin-two-factor-manual = Cannot scan it? Type this secret into the app instead:
admin-two-factor-confirm = Switch on
admin-two-factor-new-secret = Start again with a new secret
admin-two-factor-off = Two-factor sign-in is off.
admin-two-factor-explain = With two-factor sign-in, a stolen password is not enough: you also enter a code from your phone.
admin-two-factor-start = Set up two-factor sign-in
admin-two-factor-manage = Two-factor sign-in settings
admin-col-two-factor = Two-factor
admin-two-factor-yes = On
admin-two-factor-no = Off
admin-two-factor-reset = Reset two-factor sign-in of { $email }
admin-two-factor-roles = Required two-factor sign-in
admin-two-factor-roles-hint = Roles that must use two-factor sign-in (members without it set it up at their next sign-in)
notice-two-factor-on = Two-factor sign-in is on.
notice-recovery-used = You signed in with a recovery code. It cannot be used again.
notice-two-factor-roles = The roles that must use two-factor sign-in were saved.
notice-two-factor-reset = Two-factor sign-in was reset and the user’s sessions ended. They set it up again at their next sign-in.

# Language names as a sentence in this language writes them ("la version en anglais").
language-name-en = English
language-name-fr = French
language-name-es = Spanish
language-name-de = German
language-name-ar = Arabic
language-name-pt = Portuguese
language-name-it = Italian
language-name-ru = Russian
language-name-zh = Chinese

# One user's account: role, sites, removal, password links.
admin-title-person = User { $email }
admin-back-to-users = ← All users
admin-password-link-heading = One-time password link
admin-password-link-hint = Give this link to the person through a channel you trust. It works once, for { $hours } hours, and is not shown again. Their current password keeps working until they use it.
admin-password-link-label = Link
admin-password-link-button = Make a password link
admin-person-profile = Name, role and sites
admin-person-access = Access
admin-person-remove = Remove this user
admin-person-remove-hint = Removing ends their sessions and API tokens for good. What they wrote stays; the audit log keeps their email. To stop access for a while, disable them instead.
admin-person-remove-confirm = I want to remove { $email } for good
admin-person-remove-button = Remove user
admin-password-reset-heading = Choose a new password
admin-password-reset-for = For { $email }. Every session and API token of this account ends when you save.
admin-password-reset-button = Save the new password
error-last-admin = There must always be at least one enabled administrator: make someone else an administrator first.
error-user-no-site = Choose at least one site: everyone but an administrator works within sites.
error-remove-self = You cannot remove your own account.
error-remove-confirm = Tick the box to confirm the removal.
error-reset-disabled = This user is disabled: enable them before making a password link.
error-reset-link = This link does not work: it was used, it expired, or a newer one replaced it. Ask an administrator for a new one.
notice-user-saved = The user was saved. A new role applies from their next click.
notice-user-removed = The user was removed.
notice-password-link = A password link was made. Copy it now: it is shown only once.
notice-password-reset = Your new password is saved. Sign in with it.

# Back-office error pages.
admin-error-back-hint = Your browser’s Back button returns to the form with what you typed.
admin-error-documents-link = Go to the documents

# Themes, partners and media contacts in the back office.
admin-nav-taxonomy = Taxonomies
admin-title-taxonomy = Themes, partners and contacts
admin-taxonomy-hint = Each entry serves every site, or only the site chosen when it was added: only that site's documents can use it. Names in a language show on that language's pages; a language left empty shows the default name.
admin-taxonomy-themes = Themes
admin-taxonomy-partners = Partners
admin-taxonomy-contacts = Media contacts
admin-col-translated = Translated into
admin-col-slug = Address key
admin-col-key = Key
field-description = Description
field-acronym = Acronym
field-office = Office
field-phone = Phone
admin-title-theme = Theme: { $name }
admin-title-partner = Partner: { $name }
admin-title-programme = Programme: { $name }
admin-title-contact = Media contact: { $name }
admin-back-to-taxonomy = ← Themes, partners and contacts
admin-taxonomy-default = Default (any language without its own)
admin-taxonomy-empty-hint = Leave a language empty to show the default there.
error-taxonomy-name = Give it a name.
error-taxonomy-long = A name is at most 200 characters, an acronym 30, a description 500 and a phone number 50.
error-taxonomy-site = Choose a site from the list.
error-programme-unknown-programme = Choose a programme from the list.
error-contact-phone = Write the phone number with digits, spaces and + - ( ) only, for example +503 2521 0500.
notice-taxonomy-saved = Saved. Pages show the new names at once.

# Paste or upload a release: the tagger's proposals in the editor.
admin-title-paste = Paste or upload a release
admin-paste-link = Paste or upload a release
admin-paste-hint = Paste a release written elsewhere, or choose its file. Portico reads it and opens a new draft with the dateline, countries, partners, media contacts and themes it found filled in, each shown with the words it came from. Nothing is saved until you save the draft.
admin-paste-text = The release's text
admin-paste-file = Or its file: .docx, .html, .md or .txt, up to { $mb } MB
admin-paste-button = Read it
error-paste-empty = Paste the release's text or choose its file.
error-paste-unreadable = The release could not be read: { $reason }
notice-proposals = Read. Check each proposal below, correct the form, then save the draft: nothing is saved yet.
admin-proposals-heading = What Portico found
admin-proposals-hint = Rows in the form were filled in; rows in grey were not (a partner or contact not in your lists, a country named only through its people, the printed date). Accept or dismiss each one, or edit the form itself: nothing is saved until you save.
admin-col-field = Field
admin-col-proposed = Proposed
admin-col-evidence = From the words
proposal-demonym-only = named only through its people
proposal-not-listed = not in your lists
admin-new-in-language = This draft is written in { $language }, the release's language.

# Adding themes, partners and media contacts.
admin-taxonomy-add-theme = Add a theme
admin-taxonomy-add-partner = Add a partner
admin-taxonomy-add-contact = Add a media contact
admin-taxonomy-add-programme = Add a programme
admin-taxonomy-every-site = Every site
admin-taxonomy-owner = Site
admin-taxonomy-programmes = Programmes
admin-taxonomy-add-button = Add
admin-taxonomy-key-hint = The key goes into addresses and cannot change later; left empty, it is made from the name.
error-taxonomy-key-taken = The key “{ $key }” is already used: choose another.
notice-taxonomy-added = Added. Give it its names in other languages here.

# The overview: charts of what was published.
admin-nav-overview = Overview
admin-title-overview = Overview
admin-overview-show = Show
admin-overview-chart-title = Releases of { $site } published per month and language
admin-overview-per-month = Published per month: { $site }
admin-overview-numbers = The numbers
admin-overview-coverage = Translation coverage
admin-overview-coverage-hint = Published releases in each language, against the site's first language.
admin-overview-releases = Releases
admin-overview-share = Share
admin-overview-ahead = Scheduled ahead
admin-overview-nothing-ahead = Nothing is scheduled on your sites.

# The map on Where we work.
map-title = Map of the countries where we work
map-description = Countries with an office are shown darkest, countries our news covers lighter. Every country is listed below, by region.
map-legend-office = Office
map-legend-covered = In our news
map-legend-disputed = Disputed status (dashed)
map-disclaimer = The boundaries and names shown and the designations used on this map do not imply official endorsement or acceptance by the organization.
# Document list
admin-list-search = Search
admin-list-search-hint = Words anywhere in the title, summary or text of any version, drafts included.
admin-list-all-sites = All my sites
admin-list-author = Created by
admin-list-editor = Last changed by
admin-list-anyone = Anyone
admin-list-country = Country
admin-list-any-country = Any country
admin-list-dates = Dates
admin-list-date-field = Which date
admin-list-dates-updated = Last saved
admin-list-dates-published = Published
admin-list-from = From
admin-list-to = To
admin-list-sort = Sort by
admin-list-sort-updated = Last saved
admin-list-sort-published = Publication date
admin-list-sort-title = Title
admin-list-sort-relevance = Best match
admin-list-direction = Order
admin-list-descending = Newest or Z first
admin-list-ascending = Oldest or A first
admin-list-clear = Clear filters
admin-list-total = { $count ->
    [one] One document
   *[other] { $count } documents
}
admin-list-total-more = More than { $count } documents
admin-list-cut-short = Only part of the list was searched on this page ({ $count } documents). Use “Next” to search further, or narrow the filters.
admin-list-pages = Pages of the document list
admin-list-first = First page
admin-list-previous = Previous
admin-list-next = Next
admin-list-page = Page { $number }
admin-col-published = Published
admin-col-last-changed-by = Last changed by
admin-list-bad-site = “{ $value }” is not one of your sites.
admin-list-bad-language = “{ $value }” is not a language of any site.
admin-list-bad-kind = “{ $value }” is not a kind of document. Use one of: { $kinds }.
admin-list-bad-status = “{ $value }” is not a status.
admin-list-bad-user = “{ $value }” is not a user.
admin-list-bad-date-field = “{ $value }” is not a date to filter by. Use updated or published.
admin-list-bad-date = “{ $value }” is not a date. Use year-month-day, such as 2025-03-31.
admin-list-bad-range = The start date is after the end date.
admin-list-bad-sort = “{ $value }” is not an order. Use updated, published or title.
admin-list-bad-direction = “{ $value }” is not a direction. Use asc or desc.
admin-list-bad-cursor = “{ $value }” is not a position in this list. Start again from the first page.
admin-list-search-too-long = The search “{ $value }” is too long: at most 200 characters.
# Redirects and imports
admin-nav-redirects = Redirects
admin-title-redirects = Redirects
admin-redirects-intro = An old address that no longer finds a page sends its readers, and search engines, on to the new one for good. Imports add the addresses of the system they came from; add or remove others here.
admin-col-old-address = Old address
admin-col-new-address = Goes to
admin-col-since = Since
admin-redirect-remove = Remove
admin-redirect-none = No redirects on this site.
admin-redirect-add = Add a redirect
admin-redirect-add-button = Add the redirect
field-redirect-old = Old address
field-redirect-new = New address
hint-redirect-new = A path on the same site, such as /en/news/new-address, or a full https:// address.
error-redirect-old = Give the old address as a path starting with /, without spaces.
error-redirect-new = Give the new address as a path starting with /, or as a full https:// address.
error-redirect-loop = An address cannot redirect to itself.
notice-redirect-added = The redirect was saved.
notice-redirect-removed = The redirect was removed.
# Paste or upload a release: accepting or dismissing each proposal.
admin-col-in-form = In the form
proposal-in-form = In the form
proposal-left-out = Not in the form
proposal-accept = Accept
proposal-dismiss = Dismiss
proposal-date-on-publishing = set by whoever publishes
field-body-image = Image in the body
proposal-image-stored = stored in the media library and placed in the body
proposal-image-not-allowed = not brought in: you may not upload media on this site
proposal-image-too-many = not brought in: at most { $max } images are brought in from one file
proposal-image-missing = not brought in: the file does not hold this picture
proposal-image-refused = not brought in: { $reason }

# The rich editor of document bodies (its toolbar, dialogs and source view).
editor-toolbar = Formatting
editor-heading-2 = Heading
editor-heading-3 = Subheading
editor-bold = Bold
editor-italic = Italic
editor-link = Link
editor-bullet-list = Bulleted list
editor-numbered-list = Numbered list
editor-quote = Quote
editor-image = Image
editor-video = Video
editor-table = Table
editor-table-add-row = Add row
editor-table-add-column = Add column
editor-table-delete-row = Delete row
editor-table-delete-column = Delete column
editor-table-delete = Delete table
editor-undo = Undo
editor-redo = Redo
editor-source = Markdown source
editor-source-only = This text uses Markdown (HTML or footnotes) that the visual editor cannot show without changing it, so it opens as source.
editor-apply = Apply
editor-cancel = Cancel
editor-link-address = Web address, email (mailto:) or page path (/en/…)
editor-link-remove = Remove link
editor-image-address = Image address (from Media)
editor-image-alt = Alternative text: what the image shows, for people who cannot see it
editor-image-caption = Caption and credit
editor-video-address = Video address (YouTube or Vimeo)
editor-video-title = Title
editor-video-thumbnail = Thumbnail image address (optional)
editor-video-unsupported = Only YouTube and Vimeo video addresses make a video card.
editor-video-thumbnail-invalid = Give the thumbnail as a web address (https://…) or a path on this site (/media/…).
editor-video-thumbnail-grid = Choose the video's thumbnail


# Autosave of the editor's unsaved text.
autosave-kept = Unsaved changes kept at { $time }.
editor-autosave-failed = Your latest changes could not be kept on the server. Save the document to keep them.
autosave-offer = You have unsaved changes from { $time }.
autosave-restore = Restore them
autosave-discard = Discard them
error-autosave-target = Name the document (its number and language) or the kind of new document the text belongs to.
error-autosave-title-too-long = The title may be at most { $max } characters.
error-autosave-body-too-large = The body may be at most { $max } KB.

# The countries picker of the editor.
editor-country-search = Type a country’s name
editor-country-remove = Remove { $name }
editor-country-hint = Type part of a country’s or region’s name, then choose it with the arrow keys and Enter. A region adds all its countries.

# The editor's pickers of regions, partners, media contacts and the lead image.
hint-partners = Type part of a partner’s name or acronym, then choose it with the arrow keys and Enter.
hint-contacts = Type part of a contact’s name, office or email, then choose it with the arrow keys and Enter.
field-add-by-key = Add by key, as the Taxonomies page lists them, separated by commas
editor-region-detail = region, { $count } countries
editor-region-added = The countries of { $name } were added.
editor-partner-search = Type a partner’s name or acronym
editor-contact-search = Type a contact’s name or office
editor-pick-remove = Remove { $name }
editor-pick-none = Nothing found.
editor-pick-failed = The search did not answer. Check your connection and type again.
editor-image-choose = Choose an image…
editor-image-change = Choose another image…
editor-image-remove = Remove the lead image
editor-image-upload = Upload an image…
editor-image-drop = or drop an image file onto the editor.
editor-image-search = Search images by their words or file name
editor-image-grid = Choose the lead image
editor-image-more = More images
editor-image-none = No image found.
editor-image-count = Images shown: { $count }
editor-image-uploading = Uploading { $name }…
editor-image-uploaded = { $name } is uploaded and is the lead image.
editor-image-alt-title = Describe the image
editor-image-alt-saved = Its alternative text is saved.
editor-image-failed = The upload did not finish. Check your connection and try again.
editor-image-wrong-type = { $name } is not an image. Drop a JPEG, PNG or WebP file.
editor-cover-remove = Remove the cover
editor-cover-grid = Choose the cover
editor-cover-uploaded = { $name } is uploaded and is the cover.
editor-pdf-choose = Choose a PDF…
editor-pdf-change = Choose another PDF…
editor-pdf-remove = Remove the PDF
editor-pdf-upload = Upload a PDF…
editor-pdf-drop = or drop a PDF onto the editor.
editor-pdf-search = Search PDFs by file name
editor-pdf-grid = Choose this version’s PDF
editor-pdf-more = More PDFs
editor-pdf-none = No PDF found.
editor-pdf-count = PDFs shown: { $count }
editor-pdf-uploaded = { $name } is uploaded and is this version’s PDF.
editor-pdf-wrong-type = { $name } is not a PDF.
error-pick-too-long = Search for at most { $max } characters.
error-pick-page = This page of images does not exist. Start again from the first page.

# The 2030 Agenda: the Sustainable Development Goals.
release-goals = Sustainable Development Goals
sdg-goal = Goal { $number }: { $name }
sdg-targets = Targets { $targets }
sdg-page-count = { $count ->
    [one] { $count } page
   *[other] { $count } pages
}
sdg-agenda = 2030 Agenda
sdg-agenda-summary = The Sustainable Development Goals, and what we publish on each.
sdg-goals-heading = The 17 Sustainable Development Goals
sdg-nothing-yet = Nothing published yet
sdg-kicker = Sustainable Development Goal
sdg-goal-description = Our press releases, pages and publications on { $goal }.
sdg-pages-heading = Pages
sdg-publications-heading = Publications
sdg-all-publications = All { $count } publications on this goal
sdg-releases-heading = Press releases
sdg-no-releases = No press releases on this goal yet.
sdg-other-goals = Other goals
field-goals = Sustainable Development Goals
field-targets = Targets
hint-targets = Target numbers separated by commas, such as 10.7, 10.c. A target counts for its goal too.
error-goals-unknown-goal = Use goal numbers from 1 to 17 and target numbers such as 10.7 or 10.c.
error-goals-too-many = At most 40 goals and targets.
filter-goal = Goal
bad-goal = “{ $value }” is not a Sustainable Development Goal. Goals are numbered from 1 to 17.
bad-goal-combined = A goal's releases cannot be narrowed by country or theme as well; choose one of them.

## Vacancies
nav-vacancies = Vacancies
admin-kind-vacancies = Vacancies
vacancies-heading = Vacancies
vacancies-description = Open positions: where they are, at what grade, and until when you can apply.
vacancies-total-none = No vacancy is open at the moment.
vacancy-count = { $count ->
    [one] One open vacancy
   *[other] { $count } open vacancies
}
vacancies-filter-label = Filter vacancies
vacancies-none = No open vacancy matches these filters.
vacancies-feed = Follow new vacancies (Atom feed)
vacancies-feed-subtitle = Open vacancies of { $site }
vacancy-kicker = Vacancy
vacancy-about = About the position
vacancy-reference = Reference
vacancy-duty-station = Duty station
vacancy-duty-country = Duty station country
vacancy-grade = Grade
vacancy-all-grades = All grades
vacancy-contract = Contract
vacancy-all-contracts = All contracts
vacancy-duration = Duration
vacancy-unit = Office or division
vacancy-eligibility = Who may apply
vacancy-eligibility-external = Open to all applicants
vacancy-eligibility-internal = Current staff only
vacancy-opens = Applications open
vacancy-closes = Applications close
vacancy-closes-on = Closes { $date }
vacancy-closing = Closing
vacancy-closing-soon = Closing within a week
vacancy-posted = Posted
vacancy-apply = Apply
vacancy-status-open = Open for applications
vacancy-status-closing-soon = Open for applications, closing within a week
vacancy-status-not-yet-open = Applications open on { $date }.
vacancy-status-closed = This vacancy is closed: applications closed on { $date }.
vacancy-gone = This vacancy closed on { $date } and is no longer published.
vacancy-contract-fixed-term = Fixed-term appointment
vacancy-contract-temporary = Temporary appointment
vacancy-contract-consultancy = Consultancy
vacancy-contract-internship = Internship
vacancy-grade-consultant = Consultant
vacancy-grade-intern = Intern
vacancy-grade-ug = Ungraded
bad-grade = “{ $value }” is not a grade. Use one such as P-3, G-5, NO-B, consultant or intern.
bad-contract = “{ $value }” is not a contract type. Use fixed_term, temporary, consultancy or internship.
bad-closing = “{ $value }” is not a closing filter. Use closing=soon for vacancies closing within a week.
error-gone-heading = No longer here
admin-new-vacancy = New vacancy
admin-title-new-vacancy = New vacancy
error-slug-taken-vacancy = Another vacancy in this language already uses this slug.
hint-slug-vacancy = The end of the address, as in /en/vacancies/slug. Left empty, it is made from the title.
field-choose = Choose…
field-vacancy = The position
field-vacancy-duty-city = Duty station (city)
field-vacancy-offset = Time zone
field-vacancy-apply-to = Where to apply
hint-vacancy-closes-at = In the duty station's time zone: the vacancy leaves the site at that minute.
hint-vacancy-apply-to = An https:// address of the application form, or an email address.
error-vacancy-time = Use a date and time such as 2026-12-15T23:59.
error-vacancy-offset = Choose a time zone from the list.
error-vacancy-duty-country-unknown-country = Choose the duty station's country from the list.
error-vacancy-grade-unknown-grade = Choose a grade from the list.
error-vacancy-closes-at-before-opening = Applications must close after they open.
error-vacancy-closes-at-too-long-open = A vacancy stays open at most a year; check the closing year.
error-vacancy-closes-at-mixed-time-zones = Give the opening and closing times in the same time zone.
error-vacancy-apply-to-invalid-address = Give an https:// address or an email address.

## News by email
nav-subscribe = News by email
subscribe-title = News by email
subscribe-intro = Receive this site's press releases in your inbox, as they are published or as a digest.
subscribe-email = Email address
subscribe-frequency = How often
subscribe-frequency-immediate = As soon as a release is published
subscribe-frequency-daily = A daily digest
subscribe-frequency-weekly = A weekly digest
subscribe-narrow = Only some releases (optional)
subscribe-countries = Countries
subscribe-themes = Themes
subscribe-languages = Languages
subscribe-privacy = We use your address only to send you this news, and every email lets you unsubscribe in one click.
subscribe-submit = Subscribe
subscribe-unavailable = Subscriptions by email are not available on this site at the moment.
subscribe-sent = Thank you. If { $email } can receive our emails, a message with a confirmation link is on its way. Your subscription starts once you confirm it.
subscribe-confirm-title = Confirm your subscription
subscribe-confirm-button = Confirm my subscription
subscribe-confirmed-title = You are subscribed
subscribe-confirmed = Your subscription is confirmed. Every email we send you has a link to unsubscribe.
subscribe-link-invalid = This link is not valid or has expired. Subscribe again to receive a new one.
subscribe-bad-email = “{ $value }” is not an email address.
subscribe-bad-language = “{ $value }” is not a language of this site.
subscribe-bad-frequency = “{ $value }” is not a frequency: choose immediately, daily or weekly.
unsubscribe-title = Unsubscribe
unsubscribe-intro = Stop receiving news by email from this site.
unsubscribe-button = Unsubscribe
unsubscribe-done = You are unsubscribed: we will send you no more news by email.
email-confirm-subject = Confirm your subscription to { $site }
email-confirm-intro = Someone, probably you, asked to receive news from { $site } at this address. Confirm with the button below.
email-confirm-button = Confirm my subscription
email-confirm-ignore = If you did not ask for this, ignore this email: nothing will be sent to you.
email-news-subject = { $site }: { $count } new releases
email-news-heading = News from { $site }
email-news-read = Read the release
email-news-why = You receive this email because you subscribed to news from { $site }.
email-unsubscribe = Unsubscribe
admin-nav-subscribers = Subscribers
admin-title-subscribers = Subscribers to news by email
admin-subscribers-intro = Readers who confirmed a subscription to a site's news. Export them, or delete one who asks.
admin-subscribers-show = Show
admin-subscribers-count = { $count } subscribers
admin-subscribers-export = Export as CSV
admin-subscribers-filters = Only
admin-subscribers-confirmed = Confirmed
admin-subscribers-delete = Delete
admin-subscribers-more = Next subscribers
admin-subscribers-none = No subscribers yet.
notice-subscriber-deleted = The subscriber was deleted.

# Publications
nav-publications = Publications
publications-heading = Publications
publications-description = Reports, studies and research papers, with their downloads in every language they were published in.
publications-total-none = No publication yet.
publication-count = { $count ->
    [one] One publication
   *[other] { $count } publications
}
publications-filter-label = Narrow the publications
publications-none = No publication matches these filters.
publication-kicker = Publication
publication-language = Language
publication-year = Year
publication-authors = Authors or issuing office
publication-form = Type
publication-form-report = Report
publication-form-book = Book
publication-form-paper = Research paper
publication-isbn = ISBN
publication-issn = ISSN
publication-series = Series
publication-cover = Cover image
publication-file = PDF of this language version
publication-pages = { $count ->
    [one] one page
   *[other] { $count } pages
}
publication-downloads = Download
publication-no-download = No file has been published for this publication yet.
publication-cite = Cite this publication
publication-copy-apa = Copy the APA citation
publication-copy-bibtex = Copy the BibTeX entry
publication-copied = Copied
publication-about = About this publication
bad-series = “{ $value }” is not a series name.
admin-kind-publications = Publications
admin-new-publication = New publication
admin-title-new-publication = New publication
error-slug-taken-publication = Another publication in this language already uses this slug.
error-publication-file = Give the number of a PDF in this site’s media library.
error-publication-year = Give the year as four digits, such as 2026.
error-publication-year-out-of-range = Give a year from 1950 to next year.
error-publication-isbn-invalid-isbn = This is not a valid ISBN: check its digits (10 or 13, the last one a check digit).
error-publication-issn-invalid-issn = This is not a valid ISSN: eight characters such as 2049-3630, the last a check digit.
field-publication = Publication facts
hint-publication-facts = These facts belong to every language version; only the original’s editors change them.
hint-publication-authors = Personal names separated by semicolons (Doe, Jane; Roe, Ann), or the office that issued it.
hint-publication-cover = The front page as an image, shown in the library and on the publication’s page; choose one or upload it here (without the picker, give an image’s number).
hint-publication-file = The PDF readers download in this language; choose it or upload it here. Its pages are counted and its text is searched (without the picker, give a PDF’s number).
