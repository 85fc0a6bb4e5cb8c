# Oberflächentexte von Portico, Deutsch.

## Datum
date-long = { $day }. { $month } { $year }
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember

## Rahmen
skip-to-content = Zum Hauptinhalt springen
nav-main = Hauptnavigation
nav-footer = Fußzeile
nav-breadcrumb = Brotkrumennavigation
breadcrumb-home = Startseite
nav-news = Aktuelles
footer-un = Teil des Systems der Vereinten Nationen.
language-switcher = Sprachen
language-current = { $language } (aktuelle Sprache)

## Listen und Pressemitteilungen
release-count = { $count ->
    [one] { $count } Pressemitteilung
   *[other] { $count } Pressemitteilungen
}
from-global-site = Von der globalen Website
translation-missing = Diese Seite gibt es nicht auf { $language }. Hier ist die Fassung auf { $original }.

# Eine einzelne Zahl, so geschrieben, wie die Sprache der Seite Zahlen schreibt.
number = { $n }

## Startseite, Seiten, Listen
home-latest-news = Aktuelle Meldungen
home-all-releases = Alle Pressemitteilungen
home-explore = Entdecken
page-in-this-section = In diesem Bereich
release-countries-label = Länder
pagination-label = Seitennavigation
pagination-previous = Vorherige
pagination-previous-label = Vorherige Seite
pagination-next = Nächste
pagination-next-label = Nächste Seite
pagination-page = Seite
title-page = { $title } – Seite { $page }

## Die Liste der Meldungen und ihre Filter
news-heading = Aktuelles und Pressemitteilungen
news-about = Aktuelles: { $country }
news-description = Die Pressemitteilungen der Organisation, die neuesten zuerst.
news-total-none = Keine Pressemitteilungen gefunden.
news-total-paged = { $releases } · Seite { $page } von { $pages }
news-none = Keine Pressemitteilung entspricht diesen Filtern.
news-filter-label = Pressemitteilungen filtern
filter-country = Land
filter-all-countries = Alle Länder
filter-theme = Thema
filter-all-themes = Alle Themen
filter-year = Jahr
filter-all-years = Alle Jahre
filter-apply = Filter anwenden
filter-active = Aktive Filter
filter-remove = Entfernen
filter-remove-label = Filter { $label }: { $value } entfernen
filter-clear = Alle Filter löschen
feed-label = Aktuelles: { $filters }
feed-subtitle = Pressemitteilungen von { $site }, die neuesten zuerst.
site-description = Aktuelles, Pressemitteilungen und Geschichten von { $site }.

## Fehlerhafte Listenadressen
bad-query = Die Parameter der Adresse konnten nicht gelesen werden.
bad-country = „{ $value }“ ist kein Ländercode. Verwenden Sie einen zweistelligen Code nach ISO 3166-1, etwa sv für El Salvador.
bad-theme = „{ $value }“ gehört nicht zu unseren Themen.
bad-year = „{ $value }“ ist keine Jahreszahl. Verwenden Sie vier Ziffern, etwa 2015.
bad-page = „{ $value }“ ist keine Seitenzahl. Die Seiten sind ab 1 nummeriert.

## Eine Pressemitteilung
release-kicker = Pressemitteilung
release-about = Über diese Pressemitteilung
release-media-contacts = { $count ->
    [one] Pressekontakt
   *[other] Pressekontakte
}
contact-phone = Tel.:
contact-email = E-Mail:
release-countries = Länder
release-themes = Themen
release-partners = Partner
release-programme = Programm
related-releases = Ähnliche Pressemitteilungen

## Wo wir arbeiten
nav-where-we-work = Wo wir arbeiten
regions-label = Regionen
region-other = Andere Gebiete
subregion-other = Außerhalb der Regionen der Vereinten Nationen
country-description = Unsere Arbeit und Meldungen: { $country }.
country-releases = Pressemitteilungen
country-all-releases = { $count ->
    [one] Die einzige Pressemitteilung zu diesem Land
   *[other] Alle { $count } Pressemitteilungen zu diesem Land
}
country-no-releases = Zu diesem Land gibt es noch keine Pressemitteilungen.

## Meldungen von anderswo
elsewhere-heading = Meldungen von anderswo
elsewhere-description = Meldungen von Partnern und anderen Websites, denen wir folgen, die neuesten zuerst.
elsewhere-intro = Meldungen von Partnern und anderen Websites, denen wir folgen. Jeder Beitrag gehört seiner Quelle; folgen Sie dem Link, um ihn dort zu lesen.
elsewhere-newer = Neuere
elsewhere-newer-label = Neuere Beiträge
elsewhere-older = Ältere
elsewhere-older-label = Ältere Beiträge
elsewhere-none = Noch nichts von anderswo.
elsewhere-own-releases = Unsere eigenen Pressemitteilungen

## Fehlerseiten
error-kicker = Fehler { $status }
error-home-link = Zur Startseite
error-news-link = Die neuesten Pressemitteilungen lesen
error-not-found-heading = Seite nicht gefunden
error-not-found-message = Die angeforderte Seite wurde nicht gefunden. Vielleicht wurde sie verschoben, oder die Adresse enthält einen Tippfehler.
error-bad-request-heading = Diese Anfrage konnte nicht verstanden werden
error-bad-request-message = Bitte prüfen Sie die Adresse und versuchen Sie es erneut.
error-forbidden-heading = Nicht erlaubt
error-forbidden-message = Ihre Rolle erlaubt dies hier nicht. Wenden Sie sich an eine Administratorin oder einen Administrator, wenn Sie es benötigen.
error-csrf-message = Dieses Formular ist abgelaufen oder wurde von einer anderen Website gesendet. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es erneut.
error-too-many-heading = Bitte warten
error-too-many-message = { $seconds ->
    [one] Zu viele fehlgeschlagene Versuche. Versuchen Sie es in { $seconds } Sekunde erneut.
   *[other] Zu viele fehlgeschlagene Versuche. Versuchen Sie es in { $seconds } Sekunden erneut.
}
error-too-large-heading = Zu groß
error-conflict-heading = Inzwischen geändert
error-conflict-message = Jemand anderes hat dies geändert, oder der Wert ist bereits vergeben. Laden Sie die Seite neu und versuchen Sie es noch einmal.
error-unprocessable-heading = Diese Anfrage konnte nicht ausgeführt werden
error-unprocessable-message = Sie nennt etwas, das es nicht gibt. Prüfen Sie die Angaben und versuchen Sie es noch einmal.
error-server-heading = Bei uns ist ein Fehler aufgetreten
error-server-message = Die Seite konnte nicht angezeigt werden. Bitte versuchen Sie es gleich noch einmal.

## Verwaltung: Rahmen und Navigation
admin-nav-label = Verwaltung
admin-nav-documents = Dokumente
admin-nav-media = Medien
admin-nav-translations = Übersetzungen
admin-nav-menus = Menüs
admin-nav-sites = Websites
admin-nav-users = Benutzer
admin-nav-audit = Prüfprotokoll
admin-nav-feeds = Feeds
admin-nav-account = Konto
admin-sign-out = Abmelden
role-admin = Administrator/in
role-editor = Redakteur/in
role-author = Autor/in
role-translator = Übersetzer/in

## Verwaltung: Anmeldung
admin-sign-in = Anmelden
admin-sign-in-with = Mit { $provider } anmelden
admin-sign-in-heading = Bei Portico anmelden
field-email = E-Mail
field-password = Passwort
error-login-empty = Geben Sie Ihre E-Mail-Adresse und Ihr Passwort ein.
error-login-wrong = Diese E-Mail-Adresse und dieses Passwort passen zu keinem Konto.
error-login-sso-only = Die Anmeldung mit Passwort ist hier abgeschaltet: Melden Sie sich mit dem Konto Ihrer Organisation an.
error-sso-state = Diese Anmeldung ist abgelaufen, wurde schon verwendet oder in einem anderen Browser begonnen. Bitte beginnen Sie neu.
error-sso-refused = { $provider } hat Sie nicht angemeldet. Versuchen Sie es noch einmal oder fragen Sie Ihre Administration.
error-sso-token = { $provider } hat eine Anmeldung geschickt, die die Prüfungen von Portico nicht bestanden hat. Versuchen Sie es noch einmal; wenn es wieder geschieht, informieren Sie Ihre Administration.
error-sso-unreachable = { $provider } ist gerade nicht erreichbar. Versuchen Sie es in einigen Minuten noch einmal.
error-sso-no-role = Ihr Konto bei { $provider } gehört zu keiner Gruppe mit Zugang zu Portico. Bitten Sie Ihre Administration, Sie einer hinzuzufügen.
error-sso-disabled = Ihr Portico-Konto ist deaktiviert. Bitten Sie eine Administratorin oder einen Administrator, es wieder zu aktivieren.
error-sso-email = Portico kann Ihr Konto bei { $provider } über die E-Mail-Adresse keinem Portico-Konto zuordnen. Fragen Sie Ihre Administration.

## Verwaltung: Hinweise nach einer Aktion
notice-saved = Gespeichert.
notice-created = Erstellt.
notice-submitted = Zur Prüfung eingereicht.
notice-published = Veröffentlicht.
notice-scheduled = Geplant.
notice-unpublished = Von der öffentlichen Website genommen.
notice-archived = Archiviert.
notice-returned = Zurück in den Entwurf gesetzt.
notice-restored = Die Revision wurde als neue Revision wiederhergestellt.
notice-uploaded = Hochgeladen.
notice-password = Ihr Passwort wurde geändert. Andere Sitzungen wurden abgemeldet.
notice-failed-logins = Seit Ihrer letzten Anmeldung hat jemand versucht, sich mit einem falschen Passwort bei Ihrem Konto anzumelden. Wenn Sie es nicht waren, wählen Sie unten ein neues, stärkeres Passwort.
notice-revoked = Das Token wurde widerrufen.
notice-menu = Das Menü wurde gespeichert.
notice-user = Der Benutzer wurde angelegt.
admin-col-access = Zugang
admin-user-active = Aktiv
admin-user-disabled = Deaktiviert
admin-disable-user = Deaktivieren
admin-enable-user = Aktivieren
notice-user-disabled = Der Benutzer wurde deaktiviert: Seine Sitzungen und API-Tokens sind beendet.
notice-user-enabled = Der Benutzer kann sich wieder anmelden. Seine alten API-Tokens bleiben widerrufen.
error-disable-self = Sie können Ihr eigenes Konto nicht deaktivieren.
notice-loggedout = Sie sind abgemeldet.
notice-language = Die Verwaltung verwendet jetzt die gewählte Sprache.
notice-token-once = Kopieren Sie das Token jetzt: Es wird nur einmal angezeigt.

## Verwaltung: gemeinsame Wörter
admin-all = Alle
admin-filter = Filtern
admin-save = Speichern
admin-never = nie
admin-col-title = Titel
admin-col-kind = Art
admin-col-site = Website
admin-col-language = Sprache
admin-col-status = Status
admin-col-name = Name
admin-col-email = E-Mail
admin-col-role = Rolle
admin-col-sites = Websites
error-form-too-large = Das Formular ist größer als die erlaubten { $mb } MB. Kürzen Sie den Text und versuchen Sie es erneut.
error-form-unreadable = Das Formular konnte nicht gelesen werden: { $reason }
error-choose-site = Wählen Sie eine Website.

## Verwaltung: Dokumente
admin-new-release = Neue Pressemitteilung
admin-new-page = Neue Seite
admin-filter-documents = Dokumente filtern
admin-kind = Art
admin-kind-releases = Pressemitteilungen
admin-kind-pages = Seiten
admin-status = Status
admin-documents-caption = Dokumente, zuletzt geänderte zuerst
admin-col-last-saved = Zuletzt gespeichert
admin-no-documents = Keine passenden Dokumente.
kind-release = Pressemitteilung
kind-page = Seite
kind-vacancy = Stellenangebot
kind-publication = Publikation
status-draft = Entwurf
status-in_review = In Prüfung
status-scheduled = Geplant
status-published = Veröffentlicht
status-archived = Archiviert
status-unknown = Unbekannt

## Verwaltung: der Editor
admin-title-edit = Bearbeiten: { $title }
admin-revisions = Revisionen
admin-view-on-site = Auf der Website ansehen
admin-doc-revision = Revision { $number }
admin-doc-saved = gespeichert am { $time }
admin-doc-publication-time = Veröffentlichungszeit { $time }
admin-errors-heading = { $count ->
    [one] Nichts wurde gespeichert: Bitte beheben Sie { $count } Problem
   *[other] Nichts wurde gespeichert: Bitte beheben Sie { $count } Probleme
}
field-site = Website
field-title = Titel
field-slug = URL-Kürzel
field-path = Pfad
field-slug-or-path = URL-Kürzel oder Pfad
hint-slug-release = Das Ende der Adresse, wie in /de/news/kuerzel. Bleibt es leer, wird es aus dem Titel gebildet.
hint-slug-page = Die Adresse nach der Sprache, etwa our-work/partnerships.
field-dateline = Ort
hint-dateline = Der Ort, aus dem die Pressemitteilung stammt, etwa San Salvador.
field-published-at = Datum und Uhrzeit (UTC)
hint-published-at = Wird als Datum der Pressemitteilung angezeigt. Beim sofortigen Veröffentlichen wird es verwendet, wenn es in der Vergangenheit liegt.
field-publication-time = Veröffentlichungszeit
field-summary = Zusammenfassung
hint-summary = Ein oder zwei Sätze: die Meldung in Kürze, verwendet in Listen, Feeds und Suchergebnissen.
field-body = Text (Markdown)
field-body-short = Text
hint-body = ## für Zwischenüberschriften, **fett**, *kursiv*, [Links](https://…), - für Listen, > für Zitate.
field-countries = Länder
hint-countries = Zweistellige ISO-Codes, durch Kommas getrennt, etwa SV, GT, HN.
field-themes = Themen
field-partners = Partnerorganisationen
field-partners-short = Partner
field-programme = Programm
field-programme-none = Kein Programm
field-contacts = Pressekontakte
field-contacts-short = Kontakte
field-image = Aufmacherbild
admin-no-image = Kein Bild
admin-image-no-alt = { $file } (noch ohne Alternativtext)
hint-image-link = Bilder unter „Medien“ hochladen.
hint-image = Ein Bild braucht einen Alternativtext, bevor die Pressemitteilung veröffentlicht werden kann.
admin-create-draft = Entwurf anlegen
admin-preview = Vorschau
admin-preview-hint = Klicken Sie auf „Vorschau“, um den Text so zu sehen, wie die Leserinnen und Leser ihn sehen werden.
admin-workflow = Arbeitsablauf
admin-publish-at = Veröffentlichen am (UTC)
workflow-submit = Zur Prüfung einreichen
workflow-publish = Jetzt veröffentlichen
workflow-schedule = Planen
workflow-return = Zurück in den Entwurf
workflow-unpublish = Veröffentlichung zurücknehmen
workflow-unschedule = Zeitplan aufheben
workflow-archive = Archivieren
workflow-restore-draft = Wieder als Entwurf
admin-conflict = Jemand anderes hat dieses Dokument gespeichert, während Sie es bearbeitet haben (es ist jetzt bei Revision { $revision }). Nichts wurde gespeichert. Ihr Text bleibt unten erhalten: Vergleichen Sie ihn unter „Revisionen“ mit der anderen Fassung und speichern Sie dann erneut, um sie durch Ihre zu ersetzen.
error-published-at = Geben Sie Datum und Uhrzeit an, etwa 2026-11-28T09:00.
error-image-site = Wählen Sie ein Bild dieser Website.
error-image-list = Wählen Sie ein Bild aus der Liste.
error-slug-taken-release = Eine andere Pressemitteilung in dieser Sprache verwendet dieses URL-Kürzel bereits.
error-slug-taken-page = Eine andere Seite in dieser Sprache hat bereits diesen Pfad.
error-not-in-list = „{ $value }“ ist nicht in der Liste.
error-lost-revision = Das Formular hat seine Revisionsnummer verloren; laden Sie die Seite neu.
workflow-need-time = Wählen Sie Datum und Uhrzeit (UTC) der Veröffentlichung.
workflow-time-passed = Der Zeitpunkt der Veröffentlichung ist vorbei. Wählen Sie einen Zeitpunkt in der Zukunft, oder veröffentlichen Sie jetzt.
workflow-unknown = Unbekannter Schritt im Arbeitsablauf.
workflow-refused = Ein Dokument mit dem Status „{ $from }“ kann nicht in den Status „{ $to }“ wechseln.
workflow-image-alt = Das Aufmacherbild hat keinen Alternativtext. Ergänzen Sie ihn unter „Medien“, bevor Sie veröffentlichen.
workflow-status-changed = Jemand anderes hat gerade den Status dieses Dokuments geändert. Laden Sie die Seite neu und versuchen Sie es erneut.
refusal-forbidden = Ihre Rolle erlaubt das auf dieser Website nicht.
refusal-translation-is-live = Diese Übersetzung ist veröffentlicht oder geplant und kann nicht ohne Prüfung geändert werden. Bitten Sie eine Redakteurin oder einen Redakteur, sie in den Entwurf zurückzusetzen; bearbeiten Sie sie dann und reichen Sie sie erneut ein.
error-too-large = Höchstens { $max } KB.
error-too-deep = Zitate, Listen und andere Elemente dürfen höchstens { $max } Ebenen tief verschachtelt sein.
error-required = Dieses Feld ist erforderlich.
error-too-long = Höchstens { $max } Zeichen.
error-control-characters = Enthält Steuerzeichen.
error-invalid-slug = Verwenden Sie Kleinbuchstaben, Ziffern und einfache Bindestriche, höchstens 80 Zeichen.
error-invalid-path = Verwenden Sie kleingeschriebene, mit Bindestrichen verbundene Wörter, mit / zwischen den Ebenen (our-work/partnerships).
error-unknown-country = „{ $code }“ ist kein Ländercode nach ISO 3166-1.

## Verwaltung: Revisionen
admin-title-revisions = Revisionen: { $title }
admin-back-to-editor = Zurück zum Editor
admin-revisions-caption = Revisionen, neueste zuerst
admin-col-revision = Revision
admin-col-saved = Gespeichert
admin-col-by = Von
admin-col-from = Ab
admin-col-to = Bis
admin-restore = Wiederherstellen
admin-current = aktuell
admin-author-import = Import
admin-compare-from = Vergleichen ab Revision { $number }
admin-compare-to = Vergleichen bis Revision { $number }
admin-restore-revision = Revision { $number } wiederherstellen
admin-compare = Ausgewählte Revisionen vergleichen
admin-title-diff = Revision { $from } → { $to }
admin-diff-heading = Änderungen von Revision { $from } zu Revision { $to }
admin-all-revisions = Alle Revisionen
admin-diff-removed = entfernt:
admin-diff-added = hinzugefügt:
admin-diff-same = Die beiden Revisionen sind gleich.
error-choose-revisions = Wählen Sie zwei Revisionen zum Vergleichen.
error-no-revision = Es gibt keine Revision { $number }.
restore-stale = Jemand hat dieses Dokument gerade gespeichert. Laden Sie die Seite neu und versuchen Sie es erneut.
restore-slug-taken = Das URL-Kürzel dieser Revision wird inzwischen von einem anderen Dokument verwendet; stellen Sie sie von Hand wieder her.

## Verwaltung: Medien
admin-title-media = Medien
admin-upload = Hochladen
field-file = Datei
hint-file = JPEG-, PNG- oder WebP-Bilder oder PDF-Dateien; höchstens { $mb } MB.
field-alt = Alternativtext
field-media-public = Ab sofort öffentlich
hint-media-public = Sonst sehen es nur angemeldete Personen, bis etwas Veröffentlichtes es verwendet.
hint-alt = Was das Bild zeigt, für Menschen, die es nicht sehen können. Erforderlich, bevor eine Pressemitteilung mit diesem Bild veröffentlicht wird.
field-caption = Bildunterschrift
field-credit = Bildnachweis
admin-no-alt = kein Alternativtext
admin-nothing-uploaded = Noch nichts hochgeladen.
admin-size-mb = { $size } MB
admin-size-kb = { $size } KB
admin-all-media = Alle Medien
admin-original-file = Originaldatei
admin-pixels = Pixel
admin-uploaded-at = hochgeladen am { $time }
error-media-text-too-long = Alternativtext, Bildunterschrift und Bildnachweis dürfen höchstens { $max } Zeichen lang sein.
error-upload-too-large = Hochgeladene Dateien dürfen höchstens { $mb } MB groß sein.
error-upload-unreadable = Die hochgeladene Datei konnte nicht gelesen werden: { $reason }
media-empty = Die Datei ist leer.
media-too-large = Die Datei ist { $size } MB groß; Dateien dürfen höchstens { $max } MB groß sein.
media-not-image = Diese Datei ist kein JPEG-, PNG- oder WebP-Bild.
media-not-pdf = Diese Datei ist kein PDF-Dokument.
media-corrupt = Die Datei ist beschädigt oder unvollständig ({ $detail }).
media-active-content = Dieses PDF enthält { $what }; das wird nicht angenommen. Speichern Sie es ohne (etwa durch Drucken in ein neues PDF) und laden Sie es erneut hoch.
media-too-many-pixels = Das Bild ist { $width } × { $height } Pixel groß; Bilder dürfen höchstens { $side } Pixel pro Seite und insgesamt { $megapixels } Megapixel haben.
media-encode-failed = Das Bild konnte nicht umgewandelt werden ({ $detail }).

## Verwaltung: Menüs
admin-title-menu = Menü von { $site }
admin-sites-label = Websites
admin-menu-hint = Die Zeilen erscheinen in der Reihenfolge ihrer Nummern. Ein Unterpunkt steht unter dem nächsten Hauptpunkt darüber. Leeren Sie die Bezeichnung, um eine Zeile zu entfernen; füllen Sie eine leere Zeile aus, um eine hinzuzufügen. Pfade werden ohne die Sprache ({ $language }) geschrieben, so:
admin-col-order = Reihenfolge
admin-col-label = Bezeichnung
admin-col-path = Pfad
admin-col-sub-item = Unterpunkt
admin-row-order = Reihenfolge von Zeile { $row }
admin-row-label = Bezeichnung von Zeile { $row }
admin-row-path = Pfad von Zeile { $row }
admin-row-child = Zeile { $row } ist ein Unterpunkt
admin-save-menu = Menü speichern
error-menu-row = Zeile { $row }: Bezeichnungen haben höchstens 100 Zeichen; Pfade sehen aus wie our-work/partnerships.
error-menu-first-child = Die erste Zeile kann kein Unterpunkt sein: Darüber steht nichts.

## Verwaltung: Prüfprotokoll
admin-title-audit = Prüfprotokoll
admin-filter-audit = Prüfprotokoll filtern
admin-audit-user = Benutzer
admin-audit-action = Aktion beginnt mit
admin-audit-site = Website-Schlüssel
admin-audit-since = Von
admin-audit-until = Bis
admin-audit-caption = Privilegierte Aktionen, neueste zuerst
admin-col-when = Wann
admin-col-who = Wer
admin-col-action = Aktion
admin-col-on = Betrifft
admin-col-detail = Detail
admin-col-client = Von
admin-no-entries = Keine passenden Einträge.
error-date-field = { $field }: Geben Sie ein Datum an, etwa 2026-11-28.

## Verwaltung: Ihr Konto
admin-title-account = Ihr Konto
admin-you-are = Sie sind { $email }, { $role } für { $sites }.
admin-all-sites = alle Websites
admin-change-password = Passwort ändern
admin-password-at-provider = Ihr Passwort und Ihre Anmeldefaktoren werden bei { $provider } verwaltet.
field-current-password = Aktuelles Passwort
field-new-password = Neues Passwort
hint-new-password = Mindestens { $min } Zeichen. Andere Sitzungen werden abgemeldet.
field-confirm-password = Neues Passwort wiederholen
admin-change-password-button = Passwort ändern
admin-api-tokens = API-Tokens
admin-tokens-hint = Mit einem Token kann ein Programm die JSON-API mit Ihren Rechten nutzen. Senden Sie es in diesem Header:
admin-new-token = Ihr neues Token
admin-new-token-hint = (kopieren Sie es jetzt; es wird nicht noch einmal angezeigt):
admin-col-created = Erstellt
admin-col-last-used = Zuletzt verwendet
admin-revoke = Widerrufen
admin-token-revoked = widerrufen
admin-revoke-token = { $name } widerrufen
field-token-name = Name eines neuen Tokens
admin-create-token = Token erstellen
admin-language = Sprache der Verwaltung
admin-language-hint = Für Sie, in diesem Browser. Die öffentliche Website behält ihre eigenen Sprachen.
admin-language-browser = Wie mein Browser
admin-language-button = Diese Sprache verwenden
error-language = Wählen Sie eine der angebotenen Sprachen.
error-password-current = Ihr aktuelles Passwort ist nicht richtig.
error-password-short = Wählen Sie ein neues Passwort mit mindestens { $min } Zeichen.
error-password-differ = Die beiden neuen Passwörter stimmen nicht überein.
error-token-name = Benennen Sie das Token (höchstens 100 Zeichen) nach dem, was es verwenden wird.

## Verwaltung: Benutzer
admin-title-users = Benutzer
admin-add-user = Benutzer hinzufügen
field-name = Name
field-role = Rolle
field-initial-password = Anfangspasswort
admin-sites-not-for-admins = Websites (für Administratorinnen und Administratoren nicht nötig)
admin-add-user-button = Benutzer hinzufügen
admin-sites-all = alle
error-unknown-site = Unbekannte Website „{ $key }“.
error-email = Geben Sie eine gültige E-Mail-Adresse ein.
error-user-password = Das Passwort muss mindestens { $min } Zeichen haben.
error-role = Wählen Sie eine Rolle.
error-user-exists = Ein Benutzer mit dieser E-Mail-Adresse existiert bereits.

## Verwaltung: Feeds von anderswo
admin-title-feeds = Feeds von anderswo
admin-feeds-intro = Jede Website kann RSS- oder Atom-Feeds von Partnern und anderen Websites abonnieren. Ihre Beiträge erscheinen auf der Seite „{ $page }“ der Website, mit ihrer Quelle gekennzeichnet und auf sie verlinkt. Feeds werden nach ihrem Zeitplan und nur von öffentlichen Adressen abgerufen; ihr HTML wird vor dem Speichern bereinigt.
admin-col-source = Quelle
admin-col-filters = Filter
admin-col-every = Intervall
admin-col-last-fetch = Letzter Abruf
admin-col-items = Beiträge
admin-col-actions = Aktionen
admin-feed-untitled = (vom Feed benannt)
admin-feed-keywords = Stichwörter: { $terms }
admin-feed-categories = Kategorien: { $terms }
admin-feed-all-items = alle Beiträge
admin-feed-every = { $minutes } Min.
feed-status-paused = pausiert
feed-status-never = noch nicht abgerufen
feed-status-ok = ok
feed-status-not-modified = ok (unverändert)
feed-status-failed = fehlgeschlagen
admin-feed-fetch = Jetzt abrufen
admin-feed-pause = Pausieren
admin-feed-resume = Fortsetzen
admin-feed-remove = Entfernen
admin-feed-none = Diese Website folgt keinem Feed.
admin-feed-follow = Einem Feed folgen
field-feed-url = Feed-Adresse
field-feed-title = Name der Quelle
hint-feed-title = Wird neben jedem Beitrag angezeigt. Leer lassen, um den Titel des Feeds zu verwenden.
field-feed-every = Abrufen alle (Minuten)
field-feed-keywords = Nur Beiträge mit den Stichwörtern
hint-feed-keywords = Stichwörter durch Kommas getrennt; leer behält alle Beiträge.
field-feed-categories = Nur Beiträge in den Kategorien
hint-feed-categories = Kategorien durch Kommas getrennt, wie der Feed sie nennt; leer behält alle Beiträge.
admin-feed-follow-button = Diesem Feed folgen
notice-feed-added = Der Feed wurde hinzugefügt. Rufen Sie ihn jetzt ab, oder warten Sie auf seinen Zeitplan.
notice-feed-removed = Der Feed und seine Beiträge wurden entfernt.
notice-feed-enabled = Dem Feed wird wieder gefolgt.
notice-feed-disabled = Der Feed ist pausiert; seine Beiträge sind ausgeblendet.
notice-feed-fetched = Abgerufen.
notice-feed-not-modified = Abgerufen: nichts Neues seit dem letzten Mal.
notice-feed-failed = Der Abruf ist fehlgeschlagen; der Grund steht neben dem Feed.
notice-feed-busy = Der Feed wird gerade abgerufen (von diesem oder einem anderen Server); bitte gleich noch einmal nachsehen.
error-feed-url-long = Die Feed-Adresse ist zu lang.
error-feed-url = Feed-Adresse: { $reason }.
error-feed-title = Der Name der Quelle hat höchstens 200 Zeichen.
error-feed-every = Rufen Sie alle { $min } bis { $max } Minuten ab.
error-feed-keywords = Stichwörter: höchstens { $max }, durch Kommas getrennt, jeweils bis zu 100 Zeichen.
error-feed-categories = Kategorien: höchstens { $max }, durch Kommas getrennt, jeweils bis zu 100 Zeichen.
error-feed-exists = Diese Website folgt diesem Feed bereits.
error-feed-enabled = Geben Sie an, ob dem Feed gefolgt werden soll: enabled=true oder false.
admin-title-new-release = Neue Pressemitteilung
admin-title-new-page = Neue Seite
admin-languages = Sprachen
admin-original = Original
admin-out-of-date = veraltet
admin-partner-logo = Logo
admin-partner-logo-current = Das Logo von { $name }
admin-partner-logo-none = Noch kein Logo: Pressemitteilungen zeigen nur den Namen des Partners.
admin-partner-logo-file = Logodatei
admin-partner-logo-hint = PNG, JPEG oder WebP. Es erscheint klein neben dem Namen des Partners auf öffentlichen Seiten und ist sofort öffentlich.
admin-partner-logo-upload = Logo hochladen
admin-partner-logo-remove = Logo entfernen
admin-source-heading = Das Original, auf { $language }
admin-source-revisions = Original in Revision { $revision }; diese Übersetzung wurde zuletzt auf Grundlage von Revision { $translated } gespeichert.
admin-source-changed = { $count ->
    [one] Ein Abschnitt hat sich seitdem geändert und ist markiert.
   *[other] { $count } Abschnitte haben sich seitdem geändert und sind markiert.
}
admin-source-up-to-date = Seit dem letzten Speichern dieser Übersetzung hat sich am Original nichts geändert.
admin-source-unknown = Die Revision, aus der diese Übersetzung entstand, ist nicht erhalten; daher ist nichts markiert.
admin-source-changed-mark = Seit dieser Übersetzung geändert:
admin-translate-into = Übersetzen in { $language }
notice-translation = Eine Übersetzung wurde aus dem Original angelegt. Übersetzen Sie sie, speichern Sie und veröffentlichen Sie.
date-time = { $date }, { $time } UTC

## Verwaltung: Websites und Übersetzungen
admin-title-translations = Übersetzungen: { $site }
admin-col-document = Dokument
admin-links = Links
admin-view = Ansehen
admin-add-site = Website hinzufügen
admin-add-site-button = Website hinzufügen
admin-all-sites-link = Alle Websites
field-site-key = Schlüssel
hint-site-key = Kurz und dauerhaft: verwendet in /sites/schluessel/ und auf der Kommandozeile.
hint-site-languages = Codes in Reihenfolge, etwa es, en. Der erste ist die Standardsprache.
hint-site-country = Für ein Länderbüro: sein ISO-Code, etwa SV. Globale Pressemitteilungen zu diesem Land erscheinen dann auf der Website.
field-site-hosts = Hostnamen
hint-site-hosts = Durch Kommas getrennt, etwa elsalvador.iom.int.
field-site-names = Name in anderen Sprachen
hint-site-names = Einer pro Zeile, so:
field-site-missing = Wenn eine Seite in einer Sprache fehlt
site-missing-fallback = Die Fassung in der Standardsprache mit einem Hinweis zeigen
site-missing-not-found = Mit „Seite nicht gefunden“ antworten
error-site-host-taken = Ein Hostname wird bereits von einer anderen Website verwendet.
error-site-key-taken = Dieser Schlüssel wird bereits von einer anderen Website verwendet.
error-site-language = { $site } veröffentlicht nicht auf „{ $language }“.
error-translation-exists = Dieses Dokument hat bereits eine Fassung auf { $language }.
translations-summary = Fehlend: { $missing }; veraltet: { $outdated }.
translations-caption = Jedes Dokument in jeder Sprache der Website
translations-none = Diese Website hat noch keine Dokumente.
translation-missing-cell = Fehlt
translation-outdated-cell = Veraltet
translation-original-cell = Original
translation-current-cell = Aktuell

## Suche
search-site-label = Suche auf der Website
search-this-site = Diese Website durchsuchen
search-placeholder = Suchen
search-button = Suchen
search-heading = Suche
search-title = Suche: { $text }
search-results-for = Suchergebnisse für „{ $text }“
search-description = Die Pressemitteilungen und Seiten dieser Website durchsuchen.
search-for = Suchen nach
search-tip-words = Jedes Wort muss vorkommen.
search-tip-phrase = Setzen Sie eine Wortgruppe in Anführungszeichen, etwa
search-tip-minus = Setzen Sie ein Minus vor ein Wort, um es auszuschließen, etwa
search-intro = Durchsuchen Sie die Pressemitteilungen und Seiten dieser Website, in allen Sprachen, in denen sie veröffentlicht.
search-unavailable = Die Suche ist gerade nicht verfügbar. Bitte versuchen Sie es in einigen Minuten erneut.
search-tip-browse = Die aktuellen Meldungen ansehen
search-tip-spelling = Prüfen Sie die Schreibweise, oder versuchen Sie es mit weniger oder allgemeineren Wörtern.
search-tip-filter = Entfernen Sie einen Filter, um die Suche zu erweitern.
search-nothing = Keine Treffer.
search-nothing-text = Keine Treffer für „{ $text }“.
search-nothing-filters = Keine Treffer mit diesen Filtern.
search-nothing-text-filters = Keine Treffer für „{ $text }“ mit diesen Filtern.
search-refine = Ergebnisse eingrenzen
search-selected-remove = (ausgewählt: entfernen)
search-no-results = Keine Ergebnisse
search-result-count = { $count ->
    [one] { $count } Ergebnis
   *[other] { $count } Ergebnisse
}
search-cut = Ihre Suche war lang: Nur die ersten { $max } Zeichen wurden verwendet.
search-unreadable = Die Suche konnte nicht gelesen werden. Prüfen Sie die Adresse und versuchen Sie es erneut.
search-too-many-values = Zu viele Werte für den Filter { $facet }: höchstens { $max }.
search-kind-page = Seite
search-facet-country = Land
search-facet-region = Region
search-facet-theme = Thema
search-facet-kind = Art
search-facet-year = Jahr
search-facet-language = Sprache
search-more-country = Weitere Länder
search-more-region = Weitere Regionen
search-more-theme = Weitere Themen
search-more-kind = Weitere Arten
search-more-year = Weitere Jahre
search-more-language = Weitere Sprachen
bad-region = „{ $value }“ ist keine Region. Verwenden Sie einen M49-Regionalcode der Vereinten Nationen, etwa 019 für Amerika.
bad-kind = „{ $value }“ ist keine Art von Inhalt. Verwenden Sie einen von: { $kinds }.
bad-language = „{ $value }“ ist keine Sprache dieser Website.

## Two-factor sign-in
admin-code-heading = Anmeldecode eingeben
admin-code-intro = Das Passwort für { $email } stimmt. Geben Sie jetzt den sechsstelligen Code aus Ihrer Authenticator-App ein.
field-code = Code
hint-code = Die sechs Ziffern aus Ihrer Authenticator-App oder einer Ihrer Wiederherstellungscodes.
admin-code-button = Prüfen
admin-code-cancel = Abbrechen und abmelden
error-code-empty = Geben Sie den Code aus Ihrer Authenticator-App ein.
error-code-wrong = Dieser Code stimmt nicht. Prüfen Sie die Uhrzeit Ihres Telefons und versuchen Sie den neuesten Code.
error-code-used = Dieser Code wurde schon verwendet. Warten Sie auf den nächsten.
error-code-enrol = Dieser Code passt nicht zum neuen Geheimnis. Geben Sie den neuesten sechsstelligen Code Ihrer App ein.
error-two-factor-already-on = Die Zwei-Faktor-Anmeldung ist schon eingeschaltet. Eine Administratorin oder ein Administrator kann sie zurücksetzen, wenn Ihr Telefon verloren ist.
error-two-factor-not-started = Beginnen Sie zuerst mit der Einrichtung der Zwei-Faktor-Anmeldung.
error-two-factor-none = Diese Person nutzt keine Zwei-Faktor-Anmeldung.
admin-title-two-factor = Zwei-Faktor-Anmeldung
admin-two-factor-must-enrol = Ihre Rolle verlangt die Zwei-Faktor-Anmeldung. Richten Sie sie jetzt ein, um die Verwaltung zu nutzen.
admin-two-factor-required = Ihre Rolle verlangt die Zwei-Faktor-Anmeldung.
admin-recovery-codes = Wiederherstellungscodes
admin-recovery-codes-once = Notieren Sie diese Codes jetzt: Sie werden nur einmal angezeigt.
admin-recovery-codes-hint = Jeder Code meldet Sie einmal an, statt eines Codes vom Telefon, falls Sie es verlieren.
admin-two-factor-continue = Weiter zur Verwaltung
admin-two-factor-status = Status
admin-two-factor-on = Die Zwei-Faktor-Anmeldung ist eingeschaltet.
admin-two-factor-on-since = Die Zwei-Faktor-Anmeldung ist seit { $since } eingeschaltet.
admin-recovery-left = { $count ->
    [one] Noch { $count } Wiederherstellungscode.
   *[other] Noch { $count } Wiederherstellungscodes.
}
admin-two-factor-lost = Telefon und Wiederherstellungscodes verloren? Bitten Sie die Administration, Ihre Zwei-Faktor-Anmeldung zurückzusetzen.
admin-two-factor-scan = Scannen Sie diesen Code mit Ihrer Authenticator-App
admin-two-factor-scan-hint = Jede App für zeitbasierte Codes (TOTP) geht. Geben Sie danach den angezeigten Code ein, um die Zwei-Faktor-Anmeldung einzuschalten.
admin-two-factor-qr-label = QR-Code für Ihre Authenticator-App
admin-two-factor-manual = Scannen geht nicht? Tippen Sie stattdessen dieses Geheimnis in die App:
admin-two-factor-confirm = Einschalten
admin-two-factor-new-secret = Mit neuem Geheimnis neu beginnen
admin-two-factor-off = Die Zwei-Faktor-Anmeldung ist ausgeschaltet.
admin-two-factor-explain = Mit der Zwei-Faktor-Anmeldung genügt ein gestohlenes Passwort nicht: Sie geben auch einen Code von Ihrem Telefon ein.
admin-two-factor-start = Zwei-Faktor-Anmeldung einrichten
admin-two-factor-manage = Einstellungen der Zwei-Faktor-Anmeldung
admin-col-two-factor = Zwei Faktoren
admin-two-factor-yes = Ein
admin-two-factor-no = Aus
admin-two-factor-reset = Zwei-Faktor-Anmeldung von { $email } zurücksetzen
admin-two-factor-roles = Pflicht zur Zwei-Faktor-Anmeldung
admin-two-factor-roles-hint = Rollen, die die Zwei-Faktor-Anmeldung nutzen müssen (wer sie nicht hat, richtet sie bei der nächsten Anmeldung ein)
notice-two-factor-on = Die Zwei-Faktor-Anmeldung ist eingeschaltet.
notice-recovery-used = Sie haben sich mit einem Wiederherstellungscode angemeldet. Er gilt kein zweites Mal.
notice-two-factor-roles = Die Rollen mit Pflicht zur Zwei-Faktor-Anmeldung wurden gespeichert.
notice-two-factor-reset = Die Zwei-Faktor-Anmeldung wurde zurückgesetzt und die Sitzungen der Person beendet. Sie richtet sie bei der nächsten Anmeldung neu ein.

# Language names as a sentence in this language writes them ("la version en anglais").
language-name-en = Englisch
language-name-fr = Französisch
language-name-es = Spanisch
language-name-de = Deutsch
language-name-ar = Arabisch
language-name-pt = Portugiesisch
language-name-it = Italienisch
language-name-ru = Russisch
language-name-zh = Chinesisch

# One user's account: role, sites, removal, password links.
admin-title-person = Benutzer { $email }
admin-back-to-users = ← Alle Benutzer
admin-password-link-heading = Einmaliger Passwort-Link
admin-password-link-hint = Geben Sie diesen Link über einen vertrauenswürdigen Weg an die Person weiter. Er funktioniert einmal, { $hours } Stunden lang, und wird nicht noch einmal angezeigt. Das bisherige Passwort gilt, bis der Link benutzt wird.
admin-password-link-label = Link
admin-password-link-button = Passwort-Link erstellen
admin-person-profile = Name, Rolle und Websites
admin-person-access = Zugang
admin-person-remove = Diesen Benutzer entfernen
admin-person-remove-hint = Das Entfernen beendet seine Sitzungen und API-Tokens endgültig. Was er geschrieben hat, bleibt; das Prüfprotokoll behält seine E-Mail-Adresse. Um den Zugang nur vorübergehend zu sperren, deaktivieren Sie ihn stattdessen.
admin-person-remove-confirm = Ich möchte { $email } endgültig entfernen
admin-person-remove-button = Benutzer entfernen
admin-password-reset-heading = Neues Passwort wählen
admin-password-reset-for = Für { $email }. Beim Speichern enden alle Sitzungen und API-Tokens dieses Kontos.
admin-password-reset-button = Neues Passwort speichern
error-last-admin = Es muss immer mindestens einen aktiven Administrator geben: Machen Sie zuerst jemand anderen zum Administrator.
error-user-no-site = Wählen Sie mindestens eine Website: Außer Administratoren arbeiten alle innerhalb von Websites.
error-remove-self = Sie können Ihr eigenes Konto nicht entfernen.
error-remove-confirm = Kreuzen Sie das Feld an, um das Entfernen zu bestätigen.
error-reset-disabled = Dieser Benutzer ist deaktiviert: Aktivieren Sie ihn, bevor Sie einen Passwort-Link erstellen.
error-reset-link = Dieser Link funktioniert nicht: Er wurde schon benutzt, ist abgelaufen oder wurde durch einen neueren ersetzt. Bitten Sie einen Administrator um einen neuen.
notice-user-saved = Der Benutzer wurde gespeichert. Eine neue Rolle gilt ab seinem nächsten Klick.
notice-user-removed = Der Benutzer wurde entfernt.
notice-password-link = Ein Passwort-Link wurde erstellt. Kopieren Sie ihn jetzt: Er wird nur einmal angezeigt.
notice-password-reset = Ihr neues Passwort ist gespeichert. Melden Sie sich damit an.

# Back-office error pages.
admin-error-back-hint = Die Zurück-Schaltfläche Ihres Browsers führt zum Formular mit Ihren Eingaben zurück.
admin-error-documents-link = Zu den Dokumenten

# Themes, partners and media contacts in the back office.
admin-nav-taxonomy = Taxonomien
admin-title-taxonomy = Themen, Partner und Kontakte
admin-taxonomy-hint = Jeder Eintrag gilt für alle Websites oder nur für die beim Hinzufügen gewählte: nur deren Dokumente können ihn verwenden. Der Name in einer Sprache erscheint auf den Seiten dieser Sprache; eine leere Sprache zeigt den Standardnamen.
admin-taxonomy-themes = Themen
admin-taxonomy-partners = Partner
admin-taxonomy-contacts = Pressekontakte
admin-col-translated = Übersetzt in
admin-col-slug = Adressschlüssel
admin-col-key = Schlüssel
field-description = Beschreibung
field-acronym = Kürzel
field-office = Büro
field-phone = Telefon
admin-title-theme = Thema: { $name }
admin-title-partner = Partner: { $name }
admin-title-programme = Programm: { $name }
admin-title-contact = Pressekontakt: { $name }
admin-back-to-taxonomy = ← Themen, Partner und Kontakte
admin-taxonomy-default = Standard (jede Sprache ohne eigenen Namen)
admin-taxonomy-empty-hint = Lassen Sie eine Sprache leer, um dort den Standardnamen zu zeigen.
error-taxonomy-name = Geben Sie einen Namen an.
error-taxonomy-long = Ein Name hat höchstens 200 Zeichen, ein Kürzel 30, eine Beschreibung 500 und eine Telefonnummer 50.
error-taxonomy-site = Wählen Sie eine Website aus der Liste.
error-programme-unknown-programme = Wählen Sie ein Programm aus der Liste.
error-contact-phone = Schreiben Sie die Telefonnummer nur mit Ziffern, Leerzeichen und + - ( ), zum Beispiel +503 2521 0500.
notice-taxonomy-saved = Gespeichert. Die Seiten zeigen die neuen Namen sofort.

# Paste or upload a release: the tagger's proposals in the editor.
admin-title-paste = Pressemitteilung einfügen oder hochladen
admin-paste-link = Pressemitteilung einfügen oder hochladen
admin-paste-hint = Fügen Sie eine anderswo geschriebene Pressemitteilung ein oder wählen Sie ihre Datei. Portico liest sie und öffnet einen neuen Entwurf, in dem Ort und Datum, Länder, Partner, Pressekontakte und Themen bereits ausgefüllt sind, jeweils mit den Worten, aus denen sie stammen. Gespeichert wird erst, wenn Sie den Entwurf speichern.
admin-paste-text = Der Text der Pressemitteilung
admin-paste-file = Oder ihre Datei: .docx, .html, .md oder .txt, bis { $mb } MB
admin-paste-button = Lesen
error-paste-empty = Fügen Sie den Text ein oder wählen Sie die Datei.
error-paste-unreadable = Die Pressemitteilung konnte nicht gelesen werden: { $reason }
notice-proposals = Gelesen. Prüfen Sie jeden Vorschlag unten, korrigieren Sie das Formular und speichern Sie dann den Entwurf: Noch ist nichts gespeichert.
admin-proposals-heading = Was Portico gefunden hat
admin-proposals-hint = Zeilen „im Formular“ wurden eingetragen, grau dargestellte nicht (ein Partner oder Kontakt, der nicht in Ihren Listen steht, ein nur über seine Bevölkerung genanntes Land, das gedruckte Datum). Übernehmen oder verwerfen Sie jede Zeile oder bearbeiten Sie das Formular selbst: Gespeichert wird erst, wenn Sie speichern.
admin-col-field = Feld
admin-col-proposed = Vorschlag
admin-col-evidence = Aus den Worten
proposal-demonym-only = nur über seine Bevölkerung genannt
proposal-not-listed = nicht in Ihren Listen
admin-new-in-language = Dieser Entwurf ist auf { $language } geschrieben, in der Sprache der Pressemitteilung.

# Adding themes, partners and media contacts.
admin-taxonomy-add-theme = Thema hinzufügen
admin-taxonomy-add-partner = Partner hinzufügen
admin-taxonomy-add-contact = Pressekontakt hinzufügen
admin-taxonomy-add-programme = Programm hinzufügen
admin-taxonomy-every-site = Alle Websites
admin-taxonomy-owner = Website
admin-taxonomy-programmes = Programme
admin-taxonomy-add-button = Hinzufügen
admin-taxonomy-key-hint = Der Schlüssel steht in Adressen und kann später nicht geändert werden; leer gelassen, wird er aus dem Namen gebildet.
error-taxonomy-key-taken = Der Schlüssel „{ $key }“ ist schon vergeben: Wählen Sie einen anderen.
notice-taxonomy-added = Hinzugefügt. Geben Sie hier die Namen in anderen Sprachen an.

# The overview: charts of what was published.
admin-nav-overview = Übersicht
admin-title-overview = Übersicht
admin-overview-show = Anzeigen
admin-overview-chart-title = Pressemitteilungen von { $site } je Monat und Sprache
admin-overview-per-month = Veröffentlicht je Monat: { $site }
admin-overview-numbers = Die Zahlen
admin-overview-coverage = Übersetzungsstand
admin-overview-coverage-hint = Veröffentlichte Pressemitteilungen je Sprache, gemessen an der ersten Sprache der Website.
admin-overview-releases = Pressemitteilungen
admin-overview-share = Anteil
admin-overview-ahead = Geplant
admin-overview-nothing-ahead = Auf Ihren Websites ist nichts geplant.

# The map on Where we work.
map-title = Karte der Länder, in denen wir arbeiten
map-description = Länder mit einem Büro sind am dunkelsten, Länder aus unseren Nachrichten heller. Alle Länder sind unten nach Regionen aufgeführt.
map-legend-office = Büro
map-legend-covered = In unseren Nachrichten
map-legend-disputed = Umstrittener Status (gestrichelt)
map-disclaimer = Die auf dieser Karte dargestellten Grenzen und Namen sowie die verwendeten Bezeichnungen bedeuten keine offizielle Billigung oder Anerkennung durch die Organisation.
# Document list
admin-list-search = Suchen
admin-list-search-hint = Wörter aus Titel, Zusammenfassung oder Text jeder Fassung, Entwürfe eingeschlossen.
admin-list-all-sites = Alle meine Websites
admin-list-author = Erstellt von
admin-list-editor = Zuletzt geändert von
admin-list-anyone = Alle
admin-list-country = Land
admin-list-any-country = Alle Länder
admin-list-dates = Zeitraum
admin-list-date-field = Welches Datum
admin-list-dates-updated = Zuletzt gespeichert
admin-list-dates-published = Veröffentlicht
admin-list-from = Von
admin-list-to = Bis
admin-list-sort = Sortieren nach
admin-list-sort-updated = Zuletzt gespeichert
admin-list-sort-published = Veröffentlichungsdatum
admin-list-sort-title = Titel
admin-list-sort-relevance = Beste Übereinstimmung
admin-list-direction = Reihenfolge
admin-list-descending = Neueste oder Z zuerst
admin-list-ascending = Älteste oder A zuerst
admin-list-clear = Filter zurücksetzen
admin-list-total = { $count ->
    [one] Ein Dokument
   *[other] { $count } Dokumente
}
admin-list-total-more = Mehr als { $count } Dokumente
admin-list-cut-short = Diese Seite hat nur einen Teil der Liste durchsucht ({ $count } Dokumente). Mit „Weiter“ suchen Sie weiter, oder grenzen Sie die Filter ein.
admin-list-pages = Seiten der Dokumentliste
admin-list-first = Erste Seite
admin-list-previous = Zurück
admin-list-next = Weiter
admin-list-page = Seite { $number }
admin-col-published = Veröffentlicht
admin-col-last-changed-by = Zuletzt geändert von
admin-list-bad-site = „{ $value }“ ist keine Ihrer Websites.
admin-list-bad-language = „{ $value }“ ist keine Sprache einer Website.
admin-list-bad-kind = „{ $value }“ ist keine Dokumentart. Verwenden Sie einen von: { $kinds }.
admin-list-bad-status = „{ $value }“ ist kein Status.
admin-list-bad-user = „{ $value }“ ist kein Benutzer.
admin-list-bad-date-field = „{ $value }“ ist kein Datum zum Filtern. Verwenden Sie updated oder published.
admin-list-bad-date = „{ $value }“ ist kein Datum. Verwenden Sie Jahr-Monat-Tag, zum Beispiel 2025-03-31.
admin-list-bad-range = Das Anfangsdatum liegt nach dem Enddatum.
admin-list-bad-sort = „{ $value }“ ist keine Sortierung. Verwenden Sie updated, published oder title.
admin-list-bad-direction = „{ $value }“ ist keine Richtung. Verwenden Sie asc oder desc.
admin-list-bad-cursor = „{ $value }“ ist keine Position in dieser Liste. Beginnen Sie wieder auf der ersten Seite.
admin-list-search-too-long = Die Suche „{ $value }“ ist zu lang: höchstens 200 Zeichen.
# Redirects and imports
admin-nav-redirects = Weiterleitungen
admin-title-redirects = Weiterleitungen
admin-redirects-intro = Eine alte Adresse, die keine Seite mehr findet, leitet Leser und Suchmaschinen dauerhaft zur neuen weiter. Importe fügen die Adressen des Herkunftssystems hinzu; weitere können Sie hier hinzufügen oder entfernen.
admin-col-old-address = Alte Adresse
admin-col-new-address = Führt zu
admin-col-since = Seit
admin-redirect-remove = Entfernen
admin-redirect-none = Keine Weiterleitungen auf dieser Website.
admin-redirect-add = Weiterleitung hinzufügen
admin-redirect-add-button = Weiterleitung hinzufügen
field-redirect-old = Alte Adresse
field-redirect-new = Neue Adresse
hint-redirect-new = Ein Pfad derselben Website, etwa /de/news/neue-adresse, oder eine vollständige https://-Adresse.
error-redirect-old = Geben Sie die alte Adresse als Pfad an, der mit / beginnt, ohne Leerzeichen.
error-redirect-new = Geben Sie die neue Adresse als Pfad an, der mit / beginnt, oder als vollständige https://-Adresse.
error-redirect-loop = Eine Adresse kann nicht auf sich selbst weiterleiten.
notice-redirect-added = Die Weiterleitung wurde gespeichert.
notice-redirect-removed = Die Weiterleitung wurde entfernt.
# Pressemitteilung einfügen oder hochladen: jeden Vorschlag übernehmen oder verwerfen.
admin-col-in-form = Im Formular
proposal-in-form = Im Formular
proposal-left-out = Nicht im Formular
proposal-accept = Übernehmen
proposal-dismiss = Verwerfen
proposal-date-on-publishing = legt fest, wer veröffentlicht
field-body-image = Bild im Text
proposal-image-stored = in der Mediathek gespeichert und in den Text gesetzt
proposal-image-not-allowed = nicht übernommen: Sie dürfen auf dieser Website keine Medien hochladen
proposal-image-too-many = nicht übernommen: aus einer Datei werden höchstens { $max } Bilder übernommen
proposal-image-missing = nicht übernommen: die Datei enthält dieses Bild nicht
proposal-image-refused = nicht übernommen: { $reason }

# Der visuelle Editor für den Haupttext (Werkzeugleiste, Dialoge, Quelltextansicht).
editor-toolbar = Formatierung
editor-heading-2 = Überschrift
editor-heading-3 = Zwischenüberschrift
editor-bold = Fett
editor-italic = Kursiv
editor-link = Link
editor-bullet-list = Aufzählung
editor-numbered-list = Nummerierte Liste
editor-quote = Zitat
editor-image = Bild
editor-video = Video
editor-table = Tabelle
editor-table-add-row = Zeile hinzufügen
editor-table-add-column = Spalte hinzufügen
editor-table-delete-row = Zeile löschen
editor-table-delete-column = Spalte löschen
editor-table-delete = Tabelle löschen
editor-undo = Rückgängig
editor-redo = Wiederholen
editor-source = Markdown-Quelltext
editor-source-only = Dieser Text enthält Markdown (HTML oder Fußnoten), das der visuelle Editor nicht unverändert anzeigen kann; er öffnet sich daher als Quelltext.
editor-apply = Übernehmen
editor-cancel = Abbrechen
editor-link-address = Webadresse, E-Mail (mailto:) oder Seitenpfad (/de/…)
editor-link-remove = Link entfernen
editor-image-address = Bildadresse (aus Medien)
editor-image-alt = Alternativtext: was das Bild zeigt, für Menschen, die es nicht sehen können
editor-image-caption = Bildunterschrift und Bildnachweis
editor-video-address = Videoadresse (YouTube oder Vimeo)
editor-video-title = Titel
editor-video-thumbnail = Adresse des Vorschaubilds (optional)
editor-video-unsupported = Nur Adressen von YouTube- und Vimeo-Videos ergeben eine Videokarte.
editor-video-thumbnail-invalid = Geben Sie das Vorschaubild als Webadresse (https://…) oder als Pfad dieser Website (/media/…) an.
editor-video-thumbnail-grid = Vorschaubild des Videos auswählen


# Automatisches Sichern des ungespeicherten Texts im Editor.
autosave-kept = Ungespeicherte Änderungen gesichert: { $time }.
editor-autosave-failed = Ihre letzten Änderungen konnten nicht auf dem Server gesichert werden. Speichern Sie das Dokument, um sie zu behalten.
autosave-offer = Sie haben ungespeicherte Änderungen vom { $time }.
autosave-restore = Wiederherstellen
autosave-discard = Verwerfen
error-autosave-target = Nennen Sie das Dokument (Nummer und Sprache) oder die Art des neuen Dokuments, zu dem der Text gehört.
error-autosave-title-too-long = Der Titel darf höchstens { $max } Zeichen lang sein.
error-autosave-body-too-large = Der Haupttext darf höchstens { $max } KB groß sein.

# Die Länderauswahl des Editors.
editor-country-search = Namen eines Landes eingeben
editor-country-remove = { $name } entfernen
editor-country-hint = Geben Sie einen Teil des Namens eines Landes oder einer Region ein und wählen Sie ihn mit den Pfeiltasten und der Eingabetaste. Eine Region fügt alle ihre Länder hinzu.

# Die Auswahlfelder des Editors: Regionen, Partner, Pressekontakte und Titelbild.
hint-partners = Geben Sie einen Teil des Namens oder der Abkürzung eines Partners ein und wählen Sie ihn mit den Pfeiltasten und der Eingabetaste.
hint-contacts = Geben Sie einen Teil des Namens, des Büros oder der E-Mail-Adresse eines Kontakts ein und wählen Sie ihn mit den Pfeiltasten und der Eingabetaste.
field-add-by-key = Nach Schlüssel hinzufügen, wie die Seite Taxonomien sie aufführt, durch Kommas getrennt
editor-region-detail = Region, { $count } Länder
editor-region-added = Die Länder von { $name } wurden hinzugefügt.
editor-partner-search = Namen oder Abkürzung eines Partners eingeben
editor-contact-search = Namen oder Büro eines Kontakts eingeben
editor-pick-remove = { $name } entfernen
editor-pick-none = Nichts gefunden.
editor-pick-failed = Die Suche hat nicht geantwortet. Prüfen Sie Ihre Verbindung und tippen Sie erneut.
editor-image-choose = Bild auswählen…
editor-image-change = Anderes Bild auswählen…
editor-image-remove = Titelbild entfernen
editor-image-upload = Bild hochladen…
editor-image-drop = oder eine Bilddatei auf den Editor ziehen.
editor-image-search = Bilder nach ihren Texten oder ihrem Dateinamen suchen
editor-image-grid = Titelbild auswählen
editor-image-more = Weitere Bilder
editor-image-none = Kein Bild gefunden.
editor-image-count = Angezeigte Bilder: { $count }
editor-image-uploading = { $name } wird hochgeladen…
editor-image-uploaded = { $name } ist hochgeladen und das Titelbild.
editor-image-alt-title = Bild beschreiben
editor-image-alt-saved = Sein Alternativtext ist gespeichert.
editor-image-failed = Das Hochladen wurde nicht abgeschlossen. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
editor-image-wrong-type = { $name } ist kein Bild. Ziehen Sie eine JPEG-, PNG- oder WebP-Datei hierher.
editor-cover-remove = Titelbild entfernen
editor-cover-grid = Titelbild wählen
editor-cover-uploaded = { $name } ist hochgeladen und ist das Titelbild.
editor-pdf-choose = PDF wählen…
editor-pdf-change = Anderes PDF wählen…
editor-pdf-remove = PDF entfernen
editor-pdf-upload = PDF hochladen…
editor-pdf-drop = oder ein PDF auf den Editor ziehen.
editor-pdf-search = PDFs nach Dateiname suchen
editor-pdf-grid = PDF dieser Sprachfassung wählen
editor-pdf-more = Weitere PDFs
editor-pdf-none = Kein PDF gefunden.
editor-pdf-count = Angezeigte PDFs: { $count }
editor-pdf-uploaded = { $name } ist hochgeladen und ist das PDF dieser Sprachfassung.
editor-pdf-wrong-type = { $name } ist kein PDF.
error-pick-too-long = Suchen Sie nach höchstens { $max } Zeichen.
error-pick-page = Diese Seite mit Bildern gibt es nicht. Beginnen Sie wieder mit der ersten Seite.

# Die Agenda 2030: die Ziele für nachhaltige Entwicklung.
release-goals = Ziele für nachhaltige Entwicklung
sdg-goal = Ziel { $number }: { $name }
sdg-targets = Zielvorgaben { $targets }
sdg-page-count = { $count ->
    [one] { $count } Seite
   *[other] { $count } Seiten
}
sdg-agenda = Agenda 2030
sdg-agenda-summary = Die Ziele für nachhaltige Entwicklung und was wir zu jedem veröffentlichen.
sdg-goals-heading = Die 17 Ziele für nachhaltige Entwicklung
sdg-nothing-yet = Noch nichts veröffentlicht
sdg-kicker = Ziel für nachhaltige Entwicklung
sdg-goal-description = Unsere Pressemitteilungen, Seiten und Publikationen zu { $goal }.
sdg-pages-heading = Seiten
sdg-publications-heading = Publikationen
sdg-all-publications = Alle { $count } Publikationen zu diesem Ziel
sdg-releases-heading = Pressemitteilungen
sdg-no-releases = Zu diesem Ziel gibt es noch keine Pressemitteilungen.
sdg-other-goals = Weitere Ziele
field-goals = Ziele für nachhaltige Entwicklung
field-targets = Zielvorgaben
hint-targets = Nummern der Zielvorgaben, durch Kommas getrennt, etwa 10.7, 10.c. Eine Zielvorgabe zählt auch für ihr Ziel.
error-goals-unknown-goal = Geben Sie Ziele von 1 bis 17 und Zielvorgaben wie 10.7 oder 10.c an.
error-goals-too-many = Höchstens 40 Ziele und Zielvorgaben.
filter-goal = Ziel
bad-goal = „{ $value }“ ist kein Ziel für nachhaltige Entwicklung. Die Ziele sind von 1 bis 17 nummeriert.
bad-goal-combined = Die Pressemitteilungen eines Ziels lassen sich nicht zusätzlich nach Land oder Thema filtern; wählen Sie eines davon.

## Vacancies
nav-vacancies = Stellenangebote
admin-kind-vacancies = Stellenangebote
vacancies-heading = Stellenangebote
vacancies-description = Offene Stellen: Dienstort, Besoldungsgruppe und Bewerbungsfrist.
vacancies-total-none = Zurzeit ist keine Stelle ausgeschrieben.
vacancy-count = { $count ->
    [one] Eine offene Stelle
   *[other] { $count } offene Stellen
}
vacancies-filter-label = Stellen filtern
vacancies-none = Keine offene Stelle entspricht diesen Filtern.
vacancies-feed = Neue Stellen abonnieren (Atom-Feed)
vacancies-feed-subtitle = Offene Stellen von { $site }
vacancy-kicker = Stellenangebot
vacancy-about = Zur Stelle
vacancy-reference = Kennziffer
vacancy-duty-station = Dienstort
vacancy-duty-country = Land des Dienstorts
vacancy-grade = Besoldungsgruppe
vacancy-all-grades = Alle Besoldungsgruppen
vacancy-contract = Vertrag
vacancy-all-contracts = Alle Verträge
vacancy-duration = Dauer
vacancy-unit = Büro oder Abteilung
vacancy-eligibility = Wer sich bewerben kann
vacancy-eligibility-external = Alle Bewerberinnen und Bewerber
vacancy-eligibility-internal = Nur aktuelle Mitarbeitende
vacancy-opens = Bewerbungsbeginn
vacancy-closes = Bewerbungsschluss
vacancy-closes-on = Bewerbungsschluss { $date }
vacancy-closing = Bewerbungsschluss
vacancy-closing-soon = Bewerbungsschluss innerhalb einer Woche
vacancy-posted = Veröffentlicht
vacancy-apply = Bewerben
vacancy-status-open = Bewerbungen möglich
vacancy-status-closing-soon = Bewerbungen möglich, Schluss innerhalb einer Woche
vacancy-status-not-yet-open = Bewerbungen sind ab { $date } möglich.
vacancy-status-closed = Diese Stelle ist geschlossen: Bewerbungsschluss war { $date }.
vacancy-gone = Diese Stelle wurde am { $date } geschlossen und ist nicht mehr veröffentlicht.
vacancy-contract-fixed-term = Befristete Anstellung
vacancy-contract-temporary = Vorübergehende Anstellung
vacancy-contract-consultancy = Beratungsauftrag
vacancy-contract-internship = Praktikum
vacancy-grade-consultant = Beratung
vacancy-grade-intern = Praktikum
vacancy-grade-ug = Ohne Besoldungsgruppe
bad-grade = „{ $value }“ ist keine Besoldungsgruppe. Verwenden Sie etwa P-3, G-5, NO-B, consultant oder intern.
bad-contract = „{ $value }“ ist keine Vertragsart. Verwenden Sie fixed_term, temporary, consultancy oder internship.
bad-closing = „{ $value }“ ist kein Filter für den Bewerbungsschluss. Verwenden Sie closing=soon für Stellen, die innerhalb einer Woche schließen.
error-gone-heading = Nicht mehr vorhanden
admin-new-vacancy = Neues Stellenangebot
admin-title-new-vacancy = Neues Stellenangebot
error-slug-taken-vacancy = Ein anderes Stellenangebot in dieser Sprache verwendet diesen Slug bereits.
hint-slug-vacancy = Das Ende der Adresse, wie in /de/vacancies/slug. Leer gelassen, wird er aus dem Titel gebildet.
field-choose = Auswählen…
field-vacancy = Die Stelle
field-vacancy-duty-city = Dienstort (Stadt)
field-vacancy-offset = Zeitzone
field-vacancy-apply-to = Bewerbung an
hint-vacancy-closes-at = In der Zeitzone des Dienstorts: Zu dieser Minute verschwindet die Stelle von der Website.
hint-vacancy-apply-to = Die https://-Adresse des Bewerbungsformulars oder eine E-Mail-Adresse.
error-vacancy-time = Geben Sie Datum und Uhrzeit wie 2026-12-15T23:59 an.
error-vacancy-offset = Wählen Sie eine Zeitzone aus der Liste.
error-vacancy-duty-country-unknown-country = Wählen Sie das Land des Dienstorts aus der Liste.
error-vacancy-grade-unknown-grade = Wählen Sie eine Besoldungsgruppe aus der Liste.
error-vacancy-closes-at-before-opening = Der Bewerbungsschluss muss nach dem Bewerbungsbeginn liegen.
error-vacancy-closes-at-too-long-open = Eine Stelle bleibt höchstens ein Jahr offen; prüfen Sie das Jahr des Bewerbungsschlusses.
error-vacancy-closes-at-mixed-time-zones = Geben Sie Beginn und Schluss in derselben Zeitzone an.
error-vacancy-apply-to-invalid-address = Geben Sie eine https://-Adresse oder eine E-Mail-Adresse an.

## News by email
nav-subscribe = Nachrichten per E-Mail
subscribe-title = Nachrichten per E-Mail
subscribe-intro = Erhalten Sie die Pressemitteilungen dieser Website per E-Mail, sobald sie erscheinen oder als Zusammenfassung.
subscribe-email = E-Mail-Adresse
subscribe-frequency = Wie oft
subscribe-frequency-immediate = Sobald eine Mitteilung erscheint
subscribe-frequency-daily = Eine tägliche Zusammenfassung
subscribe-frequency-weekly = Eine wöchentliche Zusammenfassung
subscribe-narrow = Nur manche Mitteilungen (optional)
subscribe-countries = Länder
subscribe-themes = Themen
subscribe-languages = Sprachen
subscribe-privacy = Wir verwenden Ihre Adresse nur für diese Nachrichten, und jede E-Mail lässt Sie mit einem Klick abbestellen.
subscribe-submit = Abonnieren
subscribe-unavailable = Abonnements per E-Mail sind auf dieser Website derzeit nicht verfügbar.
subscribe-sent = Danke. Wenn { $email } unsere E-Mails empfangen kann, ist eine Nachricht mit einem Bestätigungslink unterwegs. Ihr Abonnement beginnt, sobald Sie es bestätigen.
subscribe-confirm-title = Abonnement bestätigen
subscribe-confirm-button = Mein Abonnement bestätigen
subscribe-confirmed-title = Sie haben abonniert
subscribe-confirmed = Ihr Abonnement ist bestätigt. Jede E-Mail von uns enthält einen Link zum Abbestellen.
subscribe-link-invalid = Dieser Link ist ungültig oder abgelaufen. Abonnieren Sie erneut, um einen neuen zu erhalten.
subscribe-bad-email = „{ $value }“ ist keine E-Mail-Adresse.
subscribe-bad-language = „{ $value }“ ist keine Sprache dieser Website.
subscribe-bad-frequency = „{ $value }“ ist keine Häufigkeit: wählen Sie sofort, täglich oder wöchentlich.
unsubscribe-title = Abbestellen
unsubscribe-intro = Keine Nachrichten dieser Website mehr per E-Mail erhalten.
unsubscribe-button = Abbestellen
unsubscribe-done = Sie haben abbestellt: Wir senden Ihnen keine Nachrichten per E-Mail mehr.
email-confirm-subject = Bestätigen Sie Ihr Abonnement von { $site }
email-confirm-intro = Jemand, wahrscheinlich Sie, möchte die Nachrichten von { $site } an diese Adresse erhalten. Bestätigen Sie mit der Schaltfläche unten.
email-confirm-button = Mein Abonnement bestätigen
email-confirm-ignore = Wenn Sie das nicht wollten, ignorieren Sie diese E-Mail: Sie erhalten nichts.
email-news-subject = { $site }: { $count } neue Mitteilungen
email-news-heading = Nachrichten von { $site }
email-news-read = Mitteilung lesen
email-news-why = Sie erhalten diese E-Mail, weil Sie die Nachrichten von { $site } abonniert haben.
email-unsubscribe = Abbestellen
admin-nav-subscribers = Abonnenten
admin-title-subscribers = Abonnenten der Nachrichten per E-Mail
admin-subscribers-intro = Leserinnen und Leser, die ein Abonnement der Nachrichten einer Website bestätigt haben. Exportieren Sie sie oder löschen Sie jemanden auf Wunsch.
admin-subscribers-show = Anzeigen
admin-subscribers-count = { $count } Abonnenten
admin-subscribers-export = Als CSV exportieren
admin-subscribers-filters = Nur
admin-subscribers-confirmed = Bestätigt
admin-subscribers-delete = Löschen
admin-subscribers-more = Weitere Abonnenten
admin-subscribers-none = Noch keine Abonnenten.
notice-subscriber-deleted = Der Abonnent wurde gelöscht.

# Publications
nav-publications = Publikationen
publications-heading = Publikationen
publications-description = Berichte, Studien und Forschungspapiere zum Herunterladen in jeder Sprache, in der sie erschienen sind.
publications-total-none = Noch keine Publikationen.
publication-count = { $count ->
    [one] Eine Publikation
   *[other] { $count } Publikationen
}
publications-filter-label = Publikationen eingrenzen
publications-none = Keine Publikation entspricht diesen Filtern.
publication-kicker = Publikation
publication-language = Sprache
publication-year = Jahr
publication-authors = Autorinnen und Autoren oder herausgebende Stelle
publication-form = Art
publication-form-report = Bericht
publication-form-book = Buch
publication-form-paper = Forschungspapier
publication-isbn = ISBN
publication-issn = ISSN
publication-series = Reihe
publication-cover = Titelbild
publication-file = PDF dieser Sprachfassung
publication-pages = { $count ->
    [one] eine Seite
   *[other] { $count } Seiten
}
publication-downloads = Herunterladen
publication-no-download = Zu dieser Publikation wurde noch keine Datei veröffentlicht.
publication-cite = Diese Publikation zitieren
publication-copy-apa = APA-Zitat kopieren
publication-copy-bibtex = BibTeX-Eintrag kopieren
publication-copied = Kopiert
publication-about = Über diese Publikation
bad-series = „{ $value }“ ist kein Reihenname.
admin-kind-publications = Publikationen
admin-new-publication = Neue Publikation
admin-title-new-publication = Neue Publikation
error-slug-taken-publication = Eine andere Publikation in dieser Sprache verwendet diesen Slug bereits.
error-publication-file = Geben Sie die Nummer eines PDF aus der Mediathek dieser Website an.
error-publication-year = Geben Sie das Jahr vierstellig an, etwa 2026.
error-publication-year-out-of-range = Geben Sie ein Jahr zwischen 1950 und dem nächsten Jahr an.
error-publication-isbn-invalid-isbn = Diese ISBN ist ungültig: Prüfen Sie die Ziffern (10 oder 13, die letzte ist eine Prüfziffer).
error-publication-issn-invalid-issn = Diese ISSN ist ungültig: acht Zeichen wie 2049-3630, das letzte eine Prüfziffer.
field-publication = Angaben zur Publikation
hint-publication-facts = Diese Angaben gelten für alle Sprachfassungen; nur die Redaktion des Originals ändert sie.
hint-publication-authors = Personennamen durch Semikolons getrennt (Doe, Jane; Roe, Ann) oder die herausgebende Stelle.
hint-publication-cover = Das Titelblatt als Bild, gezeigt in der Bibliothek und auf der Seite der Publikation; wählen oder laden Sie es hier hoch (ohne Auswahlhilfe die Nummer eines Bildes angeben).
hint-publication-file = Das PDF, das Leser in dieser Sprache herunterladen; wählen oder laden Sie es hier hoch. Seine Seiten werden gezählt, sein Text wird durchsuchbar (ohne Auswahlhilfe die Nummer eines PDFs angeben).
