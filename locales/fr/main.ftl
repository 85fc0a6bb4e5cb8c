# Textes de l'interface de Portico, en français.

## Dates
date-long = { $day } { $month } { $year }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

## Cadre
skip-to-content = Aller au contenu principal
nav-main = Principal
nav-footer = Pied de page
nav-breadcrumb = Fil d'Ariane
breadcrumb-home = Accueil
nav-news = Actualités
footer-un = Membre du système des Nations Unies.
language-switcher = Langues
language-current = { $language } (langue actuelle)

## Listes et communiqués
release-count = { $count ->
    [one] { $count } communiqué de presse
   *[other] { $count } communiqués de presse
}
from-global-site = Du site mondial
translation-missing = Cette page n'existe pas en { $language }. Voici la version en { $original }.

# Un nombre seul, écrit comme la langue de la page écrit les nombres.
number = { $n }

## Accueil, pages, listes
home-latest-news = Dernières actualités
home-all-releases = Tous les communiqués de presse
home-explore = Découvrir
page-in-this-section = Dans cette rubrique
release-countries-label = Pays
pagination-label = Pagination
pagination-previous = Précédente
pagination-previous-label = Page précédente
pagination-next = Suivante
pagination-next-label = Page suivante
pagination-page = Page
title-page = { $title } – page { $page }

## La liste des actualités et ses filtres
news-heading = Actualités et communiqués de presse
news-about = Actualités : { $country }
news-description = Les communiqués de presse de l'Organisation, du plus récent au plus ancien.
news-total-none = Aucun communiqué de presse trouvé.
news-total-paged = { $releases } · page { $page } sur { $pages }
news-none = Aucun communiqué de presse ne correspond à ces filtres.
news-filter-label = Filtrer les communiqués de presse
filter-country = Pays
filter-all-countries = Tous les pays
filter-theme = Thème
filter-all-themes = Tous les thèmes
filter-year = Année
filter-all-years = Toutes les années
filter-apply = Appliquer les filtres
filter-active = Filtres actifs
filter-remove = Retirer
filter-remove-label = Retirer le filtre { $label } : { $value }
filter-clear = Effacer tous les filtres
feed-label = Actualités : { $filters }
feed-subtitle = Communiqués de presse de { $site }, du plus récent au plus ancien.
site-description = Actualités, communiqués de presse et récits de { $site }.

## Adresses de liste erronées
bad-query = Les paramètres de l'adresse sont illisibles.
bad-country = « { $value } » n'est pas un code de pays. Utilisez un code ISO 3166-1 à deux lettres, par exemple sv pour El Salvador.
bad-theme = « { $value } » ne fait pas partie de nos thèmes.
bad-year = « { $value } » n'est pas une année. Utilisez quatre chiffres, par exemple 2015.
bad-page = « { $value } » n'est pas un numéro de page. Les pages sont numérotées à partir de 1.

## Un communiqué de presse
release-kicker = Communiqué de presse
release-about = À propos de ce communiqué
release-media-contacts = { $count ->
    [one] Contact presse
   *[other] Contacts presse
}
contact-phone = Tél. :
contact-email = Courriel :
release-countries = Pays
release-themes = Thèmes
release-partners = Partenaires
release-programme = Programme
related-releases = Communiqués connexes

## Où nous travaillons
nav-where-we-work = Où nous travaillons
regions-label = Régions
region-other = Autres territoires
subregion-other = Hors des régions de l'ONU
country-description = Notre action et nos actualités : { $country }.
country-releases = Communiqués de presse
country-all-releases = { $count ->
    [one] Le seul communiqué de presse sur ce pays
   *[other] Les { $count } communiqués de presse sur ce pays
}
country-no-releases = Il n'y a pas encore de communiqué de presse sur ce pays.

## Actualités d'ailleurs
elsewhere-heading = Actualités d'ailleurs
elsewhere-description = Actualités de nos partenaires et d'autres sites que nous suivons, de la plus récente à la plus ancienne.
elsewhere-intro = Actualités de nos partenaires et d'autres sites que nous suivons. Chaque article appartient à sa source ; suivez son lien pour le lire sur place.
elsewhere-newer = Plus récents
elsewhere-newer-label = Articles plus récents
elsewhere-older = Plus anciens
elsewhere-older-label = Articles plus anciens
elsewhere-none = Rien d'ailleurs pour le moment.
elsewhere-own-releases = Nos propres communiqués de presse

## Pages d'erreur
error-kicker = Erreur { $status }
error-home-link = Aller à la page d'accueil
error-news-link = Lire les derniers communiqués de presse
error-not-found-heading = Page introuvable
error-not-found-message = La page demandée est introuvable. Elle a peut-être été déplacée, ou l'adresse contient une erreur.
error-bad-request-heading = Cette demande n'a pas pu être comprise
error-bad-request-message = Veuillez vérifier l'adresse et réessayer.
error-forbidden-heading = Accès refusé
error-forbidden-message = Votre rôle ne permet pas cette action ici. Adressez-vous à un administrateur si vous en avez besoin.
error-csrf-message = Ce formulaire a expiré ou a été envoyé depuis un autre site. Revenez en arrière, rechargez la page et réessayez.
error-too-many-heading = Veuillez patienter
error-too-many-message = { $seconds ->
    [one] Trop de tentatives infructueuses. Réessayez dans { $seconds } seconde.
   *[other] Trop de tentatives infructueuses. Réessayez dans { $seconds } secondes.
}
error-too-large-heading = Trop volumineux
error-conflict-heading = Modifié entre-temps
error-conflict-message = Quelqu'un d'autre a modifié cet élément, ou la valeur est déjà prise. Rechargez la page et réessayez.
error-unprocessable-heading = Cette demande n'a pas pu être traitée
error-unprocessable-message = Elle désigne quelque chose qui n'existe pas. Vérifiez les valeurs et réessayez.
error-server-heading = Un problème est survenu de notre côté
error-server-message = La page n'a pas pu être affichée. Veuillez réessayer dans un instant.

## Administration : cadre et navigation
admin-nav-label = Administration
admin-nav-documents = Documents
admin-nav-media = Médias
admin-nav-translations = Traductions
admin-nav-menus = Menus
admin-nav-sites = Sites
admin-nav-users = Utilisateurs
admin-nav-audit = Journal d'audit
admin-nav-feeds = Flux
admin-nav-account = Compte
admin-sign-out = Se déconnecter
role-admin = administrateur
role-editor = éditeur
role-author = auteur
role-translator = traducteur

## Administration : connexion
admin-sign-in = Se connecter
admin-sign-in-with = Se connecter avec { $provider }
admin-sign-in-heading = Se connecter à Portico
field-email = Adresse électronique
field-password = Mot de passe
error-login-empty = Saisissez votre adresse électronique et votre mot de passe.
error-login-wrong = Cette adresse et ce mot de passe ne correspondent à aucun compte.
error-login-sso-only = La connexion par mot de passe est désactivée ici : connectez-vous avec le compte de votre organisation.
error-sso-state = Cette connexion a expiré, a déjà servi ou a été commencée dans un autre navigateur. Recommencez, s'il vous plaît.
error-sso-refused = { $provider } ne vous a pas connecté. Réessayez ou adressez-vous à votre administrateur.
error-sso-token = { $provider } a envoyé une connexion qui n'a pas passé les contrôles de Portico. Réessayez ; si cela se reproduit, prévenez votre administrateur.
error-sso-unreachable = { $provider } est injoignable pour le moment. Réessayez dans quelques minutes.
error-sso-no-role = Votre compte { $provider } n'appartient à aucun groupe qui donne accès à Portico. Demandez à votre administrateur de vous y ajouter.
error-sso-disabled = Votre compte Portico est désactivé. Demandez à un administrateur de le réactiver.
error-sso-email = Portico ne peut pas rattacher votre compte { $provider } à un compte Portico par son adresse e-mail. Adressez-vous à votre administrateur.

## Administration : avis après une action
notice-saved = Enregistré.
notice-created = Créé.
notice-submitted = Envoyé pour relecture.
notice-published = Publié.
notice-scheduled = Programmé.
notice-unpublished = Retiré du site public.
notice-archived = Archivé.
notice-returned = Renvoyé à l'état de brouillon.
notice-restored = La révision a été restaurée sous forme de nouvelle révision.
notice-uploaded = Téléversé.
notice-password = Votre mot de passe a été modifié. Les autres sessions ont été fermées.
notice-failed-logins = Quelqu’un a tenté de se connecter à votre compte avec un mauvais mot de passe depuis votre dernière connexion. Si ce n’était pas vous, choisissez ci-dessous un nouveau mot de passe plus robuste.
notice-revoked = Le jeton a été révoqué.
notice-menu = Le menu a été enregistré.
notice-user = L'utilisateur a été créé.
admin-col-access = Accès
admin-user-active = Actif
admin-user-disabled = Désactivé
admin-disable-user = Désactiver
admin-enable-user = Réactiver
notice-user-disabled = L’utilisateur a été désactivé : ses sessions et ses jetons d’API ont pris fin.
notice-user-enabled = L’utilisateur peut de nouveau se connecter. Ses anciens jetons d’API restent révoqués.
error-disable-self = Vous ne pouvez pas désactiver votre propre compte.
notice-loggedout = Vous êtes déconnecté.
notice-language = L'administration utilise désormais la langue choisie.
notice-token-once = Copiez le jeton maintenant : il n'est affiché qu'une seule fois.

## Administration : mots communs
admin-all = Tous
admin-filter = Filtrer
admin-save = Enregistrer
admin-never = jamais
admin-col-title = Titre
admin-col-kind = Type
admin-col-site = Site
admin-col-language = Langue
admin-col-status = État
admin-col-name = Nom
admin-col-email = Adresse électronique
admin-col-role = Rôle
admin-col-sites = Sites
error-form-too-large = Le formulaire dépasse la limite de { $mb } Mo. Raccourcissez le texte et réessayez.
error-form-unreadable = Le formulaire est illisible : { $reason }
error-choose-site = Choisissez un site.

## Administration : documents
admin-new-release = Nouveau communiqué de presse
admin-new-page = Nouvelle page
admin-filter-documents = Filtrer les documents
admin-kind = Type
admin-kind-releases = Communiqués de presse
admin-kind-pages = Pages
admin-status = État
admin-documents-caption = Documents, du plus récemment modifié au plus ancien
admin-col-last-saved = Dernier enregistrement
admin-no-documents = Aucun document ne correspond.
kind-release = communiqué
kind-page = page
kind-vacancy = offre d’emploi
kind-publication = publication
status-draft = Brouillon
status-in_review = En relecture
status-scheduled = Programmé
status-published = Publié
status-archived = Archivé
status-unknown = Inconnu

## Administration : l'éditeur
admin-title-edit = Modifier : { $title }
admin-revisions = Révisions
admin-view-on-site = Voir sur le site
admin-doc-revision = révision { $number }
admin-doc-saved = enregistré le { $time }
admin-doc-publication-time = date de publication { $time }
admin-errors-heading = { $count ->
    [one] Rien n'a été enregistré : veuillez corriger { $count } problème
   *[other] Rien n'a été enregistré : veuillez corriger { $count } problèmes
}
field-site = Site
field-title = Titre
field-slug = Identifiant d'URL
field-path = Chemin
field-slug-or-path = Identifiant d'URL ou chemin
hint-slug-release = La fin de l'adresse, comme dans /fr/news/identifiant. S'il est laissé vide, il est tiré du titre.
hint-slug-page = L'adresse après la langue, par exemple our-work/partnerships.
field-dateline = Lieu
hint-dateline = Le lieu d'où provient le communiqué, par exemple San Salvador.
field-published-at = Date et heure (UTC)
hint-published-at = Affichée comme date du communiqué. Une publication immédiate l'utilise si elle est passée.
field-publication-time = Date de publication
field-summary = Résumé
hint-summary = Une ou deux phrases : l'essentiel de l'information, utilisé dans les listes, les flux et les résultats de recherche.
field-body = Corps du texte (Markdown)
field-body-short = Corps du texte
hint-body = ## pour les intertitres, **gras**, *italique*, [liens](https://…), - pour les listes, > pour les citations.
field-countries = Pays
hint-countries = Codes ISO à deux lettres séparés par des virgules, par exemple SV, GT, HN.
field-themes = Thèmes
field-partners = Organisations partenaires
field-partners-short = Partenaires
field-programme = Programme
field-programme-none = Aucun programme
field-contacts = Contacts presse
field-contacts-short = Contacts
field-image = Image principale
admin-no-image = Aucune image
admin-image-no-alt = { $file } (pas encore de texte de remplacement)
hint-image-link = Téléversez les images dans Médias.
hint-image = Une image doit avoir un texte de remplacement avant que le communiqué puisse être publié.
admin-create-draft = Créer le brouillon
admin-preview = Aperçu
admin-preview-hint = Cliquez sur Aperçu pour voir le corps du texte tel que les lecteurs le verront.
admin-workflow = Circuit de validation
admin-publish-at = Publier le (UTC)
workflow-submit = Soumettre pour relecture
workflow-publish = Publier maintenant
workflow-schedule = Programmer
workflow-return = Renvoyer en brouillon
workflow-unpublish = Dépublier
workflow-unschedule = Annuler la programmation
workflow-archive = Archiver
workflow-restore-draft = Repasser en brouillon
admin-conflict = Quelqu'un d'autre a enregistré ce document pendant que vous le modifiiez (il en est maintenant à la révision { $revision }). Rien n'a été enregistré. Votre texte est conservé ci-dessous : comparez-le avec le leur dans Révisions, puis enregistrez à nouveau pour remplacer leur version par la vôtre.
error-published-at = Indiquez une date et une heure, par exemple 2026-11-28T09:00.
error-image-site = Choisissez une image de ce site.
error-image-list = Choisissez une image dans la liste.
error-slug-taken-release = Un autre communiqué dans cette langue utilise déjà cet identifiant.
error-slug-taken-page = Une autre page dans cette langue a déjà ce chemin.
error-not-in-list = « { $value } » ne figure pas dans la liste.
error-lost-revision = Le formulaire a perdu son numéro de révision ; rechargez la page.
workflow-need-time = Choisissez la date et l'heure (UTC) de publication.
workflow-time-passed = L'heure de publication est passée. Choisissez une heure à venir, ou publiez maintenant.
workflow-unknown = Action de validation inconnue.
workflow-refused = Un document à l'état « { $from } » ne peut pas passer à l'état « { $to } ».
workflow-image-alt = L'image principale n'a pas de texte de remplacement. Ajoutez-le dans Médias avant de publier.
workflow-status-changed = Quelqu'un d'autre vient de changer l'état de ce document. Rechargez la page et réessayez.
refusal-forbidden = Votre rôle ne le permet pas sur ce site.
refusal-translation-is-live = Cette traduction est publiée ou programmée : elle ne peut pas être modifiée sans relecture. Demandez à un éditeur de la repasser en brouillon, puis modifiez-la et soumettez-la de nouveau.
error-too-large = { $max } Ko au maximum.
error-too-deep = Les citations, listes et autres éléments peuvent être imbriqués sur { $max } niveaux au maximum.
error-required = Ce champ est obligatoire.
error-too-long = { $max } caractères au maximum.
error-control-characters = Contient des caractères de contrôle.
error-invalid-slug = Utilisez des lettres minuscules, des chiffres et des traits d'union simples, 80 caractères au maximum.
error-invalid-path = Utilisez des mots en minuscules reliés par des traits d'union, avec / entre les niveaux (our-work/partnerships).
error-unknown-country = « { $code } » n'est pas un code de pays ISO 3166-1.

## Administration : révisions
admin-title-revisions = Révisions : { $title }
admin-back-to-editor = Retour à l'éditeur
admin-revisions-caption = Révisions, de la plus récente à la plus ancienne
admin-col-revision = Révision
admin-col-saved = Enregistrée
admin-col-by = Par
admin-col-from = De
admin-col-to = À
admin-restore = Restaurer
admin-current = actuelle
admin-author-import = import
admin-compare-from = Comparer à partir de la révision { $number }
admin-compare-to = Comparer jusqu'à la révision { $number }
admin-restore-revision = Restaurer la révision { $number }
admin-compare = Comparer les révisions choisies
admin-title-diff = Révision { $from } → { $to }
admin-diff-heading = Modifications de la révision { $from } à la révision { $to }
admin-all-revisions = Toutes les révisions
admin-diff-removed = supprimé :
admin-diff-added = ajouté :
admin-diff-same = Les deux révisions sont identiques.
error-choose-revisions = Choisissez deux révisions à comparer.
error-no-revision = La révision { $number } n'existe pas.
restore-stale = Quelqu'un vient d'enregistrer ce document. Rechargez la page et réessayez.
restore-slug-taken = L'identifiant de cette révision est désormais utilisé par un autre document ; restaurez-la manuellement.

## Administration : médias
admin-title-media = Médias
admin-upload = Téléverser
field-file = Fichier
hint-file = Images JPEG, PNG ou WebP, ou fichiers PDF ; { $mb } Mo au maximum.
field-alt = Texte de remplacement
field-media-public = Public dès maintenant
hint-media-public = Sinon, seuls les utilisateurs connectés le voient jusqu’à ce qu’un contenu publié l’utilise.
hint-alt = Ce que montre l'image, pour les personnes qui ne peuvent pas la voir. Obligatoire avant la publication d'un communiqué contenant cette image.
field-caption = Légende
field-credit = Crédit
admin-no-alt = pas de texte de remplacement
admin-nothing-uploaded = Aucun fichier téléversé pour le moment.
admin-size-mb = { $size } Mo
admin-size-kb = { $size } Ko
admin-all-media = Tous les médias
admin-original-file = Fichier original
admin-pixels = pixels
admin-uploaded-at = téléversé le { $time }
error-media-text-too-long = Le texte de remplacement, la légende et le crédit ne peuvent dépasser { $max } caractères.
error-upload-too-large = Les fichiers téléversés ne peuvent dépasser { $mb } Mo.
error-upload-unreadable = Le fichier téléversé est illisible : { $reason }
media-empty = Le fichier est vide.
media-too-large = Le fichier fait { $size } Mo ; les fichiers ne peuvent dépasser { $max } Mo.
media-not-image = Ce fichier n'est pas une image JPEG, PNG ou WebP.
media-not-pdf = Ce fichier n'est pas un document PDF.
media-corrupt = Le fichier est endommagé ou incomplet ({ $detail }).
media-active-content = Ce PDF contient { $what }, ce qui n’est pas accepté. Enregistrez-le sans (par exemple en l’imprimant dans un nouveau PDF) et téléversez-le à nouveau.
media-too-many-pixels = L'image mesure { $width } × { $height } pixels ; les images ne peuvent dépasser { $side } pixels de côté ni { $megapixels } mégapixels au total.
media-encode-failed = L'image n'a pas pu être convertie ({ $detail }).

## Administration : menus
admin-title-menu = Menu du site { $site }
admin-sites-label = Sites
admin-menu-hint = Les lignes apparaissent dans l'ordre de leurs numéros. Un sous-élément se place sous l'élément principal le plus proche au-dessus de lui. Videz le libellé pour supprimer une ligne ; remplissez une ligne vide pour en ajouter une. Les chemins s'écrivent sans la langue ({ $language }), ainsi :
admin-col-order = Ordre
admin-col-label = Libellé
admin-col-path = Chemin
admin-col-sub-item = Sous-élément
admin-row-order = Ordre de la ligne { $row }
admin-row-label = Libellé de la ligne { $row }
admin-row-path = Chemin de la ligne { $row }
admin-row-child = La ligne { $row } est un sous-élément
admin-save-menu = Enregistrer le menu
error-menu-row = Ligne { $row } : les libellés comptent 100 caractères au maximum ; les chemins ressemblent à our-work/partnerships.
error-menu-first-child = La première ligne ne peut pas être un sous-élément : il n'y a rien au-dessus.

## Administration : journal d'audit
admin-title-audit = Journal d'audit
admin-filter-audit = Filtrer le journal d'audit
admin-audit-user = Utilisateur
admin-audit-action = L'action commence par
admin-audit-site = Clé du site
admin-audit-since = Du
admin-audit-until = Au
admin-audit-caption = Actions privilégiées, de la plus récente à la plus ancienne
admin-col-when = Quand
admin-col-who = Qui
admin-col-action = Action
admin-col-on = Objet
admin-col-detail = Détail
admin-col-client = Depuis
admin-no-entries = Aucune entrée ne correspond.
error-date-field = { $field } : indiquez une date, par exemple 2026-11-28.

## Administration : votre compte
admin-title-account = Votre compte
admin-you-are = Vous êtes { $email }, { $role } sur { $sites }.
admin-all-sites = tous les sites
admin-change-password = Changer votre mot de passe
admin-password-at-provider = Votre mot de passe et vos facteurs de connexion sont gérés par { $provider }.
field-current-password = Mot de passe actuel
field-new-password = Nouveau mot de passe
hint-new-password = Au moins { $min } caractères. Les autres sessions seront fermées.
field-confirm-password = Nouveau mot de passe (confirmation)
admin-change-password-button = Changer le mot de passe
admin-api-tokens = Jetons d'API
admin-tokens-hint = Un jeton permet à un programme d'utiliser l'API JSON avec vos droits. Envoyez-le dans cet en-tête :
admin-new-token = Votre nouveau jeton
admin-new-token-hint = (copiez-le maintenant ; il ne sera plus affiché) :
admin-col-created = Créé
admin-col-last-used = Dernière utilisation
admin-revoke = Révoquer
admin-token-revoked = révoqué
admin-revoke-token = Révoquer { $name }
field-token-name = Nom d'un nouveau jeton
admin-create-token = Créer un jeton
admin-language = Langue de l'administration
admin-language-hint = Pour vous, dans ce navigateur. Le site public garde ses propres langues.
admin-language-browser = Selon mon navigateur
admin-language-button = Utiliser cette langue
error-language = Choisissez l'une des langues proposées.
error-password-current = Votre mot de passe actuel est incorrect.
error-password-short = Choisissez un nouveau mot de passe d'au moins { $min } caractères.
error-password-differ = Les deux nouveaux mots de passe diffèrent.
error-token-name = Nommez le jeton (100 caractères au maximum) d'après ce qui l'utilisera.

## Administration : utilisateurs
admin-title-users = Utilisateurs
admin-add-user = Ajouter un utilisateur
field-name = Nom
field-role = Rôle
field-initial-password = Mot de passe initial
admin-sites-not-for-admins = Sites (inutile pour les administrateurs)
admin-add-user-button = Ajouter l'utilisateur
admin-sites-all = tous
error-unknown-site = Site inconnu : « { $key } ».
error-email = Saisissez une adresse électronique valide.
error-user-password = Le mot de passe doit compter au moins { $min } caractères.
error-role = Choisissez un rôle.
error-user-exists = Un utilisateur avec cette adresse existe déjà.

## Administration : flux d'ailleurs
admin-title-feeds = Flux d'ailleurs
admin-feeds-intro = Chaque site peut suivre les flux RSS ou Atom de partenaires et d'autres sites. Leurs articles apparaissent sur la page « { $page } » du site, avec leur source et un lien vers elle. Les flux sont récupérés selon leur calendrier, depuis des adresses publiques uniquement ; leur HTML est nettoyé avant d'être enregistré.
admin-col-source = Source
admin-col-filters = Filtres
admin-col-every = Fréquence
admin-col-last-fetch = Dernière récupération
admin-col-items = Articles
admin-col-actions = Actions
admin-feed-untitled = (nommé par le flux)
admin-feed-keywords = Mots clés : { $terms }
admin-feed-categories = Catégories : { $terms }
admin-feed-all-items = tous les articles
admin-feed-every = { $minutes } min
feed-status-paused = en pause
feed-status-never = pas encore récupéré
feed-status-ok = ok
feed-status-not-modified = ok (inchangé)
feed-status-failed = échec
admin-feed-fetch = Récupérer maintenant
admin-feed-pause = Mettre en pause
admin-feed-resume = Reprendre
admin-feed-remove = Retirer
admin-feed-none = Ce site ne suit aucun flux.
admin-feed-follow = Suivre un flux
field-feed-url = Adresse du flux
field-feed-title = Nom de la source
hint-feed-title = Affiché à côté de chaque article. Laissez vide pour utiliser le titre du flux.
field-feed-every = Récupérer toutes les (minutes)
field-feed-keywords = Seulement les articles mentionnant
hint-feed-keywords = Mots clés séparés par des virgules ; vide, tous les articles sont gardés.
field-feed-categories = Seulement les articles des catégories
hint-feed-categories = Catégories séparées par des virgules, telles que le flux les nomme ; vide, tous les articles sont gardés.
admin-feed-follow-button = Suivre ce flux
notice-feed-added = Le flux a été ajouté. Récupérez-le maintenant, ou attendez son calendrier.
notice-feed-removed = Le flux et ses articles ont été retirés.
notice-feed-enabled = Le flux est de nouveau suivi.
notice-feed-disabled = Le flux est en pause ; ses articles sont masqués.
notice-feed-fetched = Récupéré.
notice-feed-not-modified = Récupéré : rien de nouveau depuis la dernière fois.
notice-feed-failed = La récupération a échoué ; la raison est indiquée à côté du flux.
notice-feed-busy = Le flux est en cours de récupération (par ce serveur ou un autre) ; revenez dans un instant.
error-feed-url-long = L'adresse du flux est trop longue.
error-feed-url = Adresse du flux : { $reason }.
error-feed-title = Le nom de la source compte 200 caractères au maximum.
error-feed-every = Récupérez toutes les { $min } à { $max } minutes.
error-feed-keywords = Mots clés : { $max } au maximum, séparés par des virgules, de 100 caractères chacun au plus.
error-feed-categories = Catégories : { $max } au maximum, séparées par des virgules, de 100 caractères chacune au plus.
error-feed-exists = Ce site suit déjà ce flux.
error-feed-enabled = Indiquez s'il faut suivre le flux : enabled=true ou false.
admin-title-new-release = Nouveau communiqué de presse
admin-title-new-page = Nouvelle page
admin-languages = Langues
admin-original = original
admin-out-of-date = à mettre à jour
admin-partner-logo = Logo
admin-partner-logo-current = Le logo de { $name }
admin-partner-logo-none = Pas encore de logo : les communiqués affichent le nom du partenaire seul.
admin-partner-logo-file = Fichier du logo
admin-partner-logo-hint = PNG, JPEG ou WebP. Il s’affiche en petit à côté du nom du partenaire sur les pages publiques, et devient public aussitôt.
admin-partner-logo-upload = Téléverser le logo
admin-partner-logo-remove = Retirer le logo
admin-source-heading = L’original, en { $language }
admin-source-revisions = Original à la révision { $revision } ; cette traduction a été enregistrée pour la dernière fois d’après la révision { $translated }.
admin-source-changed = { $count ->
    [one] Un passage a changé depuis : il est signalé.
   *[other] { $count } passages ont changé depuis : ils sont signalés.
}
admin-source-up-to-date = Rien n’a changé dans l’original depuis le dernier enregistrement de cette traduction.
admin-source-unknown = La révision d’où vient cette traduction n’est pas conservée : rien n’est signalé.
admin-source-changed-mark = Modifié depuis cette traduction :
admin-translate-into = Traduire en { $language }
notice-translation = Une traduction a été créée à partir de l'original. Traduisez-la, enregistrez-la et publiez-la.
date-time = { $date }, { $time } UTC

## Administration : sites et traductions
admin-title-translations = Traductions : { $site }
admin-col-document = Document
admin-links = Liens
admin-view = Voir
admin-add-site = Ajouter un site
admin-add-site-button = Ajouter le site
admin-all-sites-link = Tous les sites
field-site-key = Clé
hint-site-key = Courte et stable : utilisée dans /sites/clé/ et en ligne de commande.
hint-site-languages = Codes dans l'ordre, par exemple es, en. Le premier est la langue par défaut.
hint-site-country = Pour un bureau de pays : son code ISO, par exemple SV. Les communiqués mondiaux sur ce pays apparaissent alors sur le site.
field-site-hosts = Noms d'hôte
hint-site-hosts = Séparés par des virgules, par exemple elsalvador.iom.int.
field-site-names = Nom dans d'autres langues
hint-site-names = Un par ligne, ainsi :
field-site-missing = Quand une page manque dans une langue
site-missing-fallback = Afficher la version dans la langue par défaut, avec un avis
site-missing-not-found = Répondre « page introuvable »
error-site-host-taken = Un nom d'hôte est déjà utilisé par un autre site.
error-site-key-taken = Cette clé est déjà utilisée par un autre site.
error-site-language = { $site } ne publie pas en « { $language } ».
error-translation-exists = Ce document a déjà une version { $language }.
translations-summary = Manquantes : { $missing } ; à mettre à jour : { $outdated }.
translations-caption = Chaque document dans chacune des langues du site
translations-none = Ce site n'a pas encore de documents.
translation-missing-cell = Manquante
translation-outdated-cell = À mettre à jour
translation-original-cell = Original
translation-current-cell = À jour

## Recherche
search-site-label = Recherche sur le site
search-this-site = Rechercher sur ce site
search-placeholder = Rechercher
search-button = Rechercher
search-heading = Recherche
search-title = Recherche : { $text }
search-results-for = Résultats de la recherche « { $text } »
search-description = Rechercher dans les communiqués de presse et les pages de ce site.
search-for = Rechercher
search-tip-words = Tous les mots doivent correspondre.
search-tip-phrase = Mettez une expression entre guillemets, par exemple
search-tip-minus = Mettez un signe moins devant un mot pour l'exclure, par exemple
search-intro = Recherchez dans les communiqués de presse et les pages de ce site, dans toutes les langues où il publie.
search-unavailable = La recherche n'est pas disponible pour le moment. Veuillez réessayer dans quelques minutes.
search-tip-browse = Parcourir les dernières actualités
search-tip-spelling = Vérifiez l'orthographe, ou essayez des mots moins nombreux ou plus généraux.
search-tip-filter = Retirez un filtre pour élargir la recherche.
search-nothing = Aucun résultat.
search-nothing-text = Aucun résultat pour « { $text } ».
search-nothing-filters = Aucun résultat avec ces filtres.
search-nothing-text-filters = Aucun résultat pour « { $text } » avec ces filtres.
search-refine = Affiner les résultats
search-selected-remove = (sélectionné : retirer)
search-no-results = Aucun résultat
search-result-count = { $count ->
    [one] { $count } résultat
   *[other] { $count } résultats
}
search-cut = Votre recherche était longue : seuls ses { $max } premiers caractères ont été utilisés.
search-unreadable = La recherche est illisible. Vérifiez l'adresse et réessayez.
search-too-many-values = Trop de valeurs pour le filtre { $facet } : { $max } au maximum.
search-kind-page = Page
search-facet-country = Pays
search-facet-region = Région
search-facet-theme = Thème
search-facet-kind = Type
search-facet-year = Année
search-facet-language = Langue
search-more-country = Plus de pays
search-more-region = Plus de régions
search-more-theme = Plus de thèmes
search-more-kind = Plus de types
search-more-year = Plus d'années
search-more-language = Plus de langues
bad-region = « { $value } » n'est pas une région. Utilisez un code de région M49 de l'ONU, par exemple 019 pour les Amériques.
bad-kind = « { $value } » n'est pas un type de contenu. Utilisez l’un de : { $kinds }.
bad-language = « { $value } » n'est pas une langue de ce site.

## Two-factor sign-in
admin-code-heading = Saisissez votre code de connexion
admin-code-intro = Le mot de passe de { $email } est correct. Saisissez maintenant le code à six chiffres affiché par votre application d’authentification.
field-code = Code
hint-code = Les six chiffres de votre application d’authentification, ou l’un de vos codes de secours.
admin-code-button = Vérifier
admin-code-cancel = Annuler et se déconnecter
error-code-empty = Saisissez le code de votre application d’authentification.
error-code-wrong = Ce code est incorrect. Vérifiez l’heure de votre téléphone et essayez le code le plus récent.
error-code-used = Ce code a déjà été utilisé. Attendez le suivant.
error-code-enrol = Ce code ne correspond pas au nouveau secret. Saisissez le dernier code à six chiffres de votre application.
error-two-factor-already-on = La connexion en deux étapes est déjà activée. Un administrateur peut la réinitialiser si vous avez perdu votre téléphone.
error-two-factor-not-started = Commencez d’abord à configurer la connexion en deux étapes.
error-two-factor-none = Cet utilisateur n’utilise pas la connexion en deux étapes.
admin-title-two-factor = Connexion en deux étapes
admin-two-factor-must-enrol = Votre rôle exige la connexion en deux étapes. Configurez-la maintenant pour utiliser l’administration.
admin-two-factor-required = Votre rôle exige la connexion en deux étapes.
admin-recovery-codes = Codes de secours
admin-recovery-codes-once = Notez ces codes maintenant : ils ne sont affichés qu’une fois.
admin-recovery-codes-hint = Chaque code permet de se connecter une fois à la place d’un code du téléphone, si vous le perdez.
admin-two-factor-continue = Continuer vers l’administration
admin-two-factor-status = État
admin-two-factor-on = La connexion en deux étapes est activée.
admin-two-factor-on-since = La connexion en deux étapes est activée depuis le { $since }.
admin-recovery-left = { $count ->
    [one] { $count } code de secours restant.
   *[other] { $count } codes de secours restants.
}
admin-two-factor-lost = Téléphone et codes de secours perdus ? Demandez à un administrateur de réinitialiser votre connexion en deux étapes.
admin-two-factor-scan = Scannez ce code avec votre application d’authentification
admin-two-factor-scan-hint = Utilisez une application de codes temporels (TOTP), puis saisissez le code qu’elle affiche pour activer la connexion en deux étapes.
admin-two-factor-qr-label = Code QR pour votre application d’authentification
admin-two-factor-manual = Impossible de le scanner ? Saisissez plutôt ce secret dans l’application :
admin-two-factor-confirm = Activer
admin-two-factor-new-secret = Recommencer avec un nouveau secret
admin-two-factor-off = La connexion en deux étapes est désactivée.
admin-two-factor-explain = Avec la connexion en deux étapes, un mot de passe volé ne suffit pas : vous saisissez aussi un code de votre téléphone.
admin-two-factor-start = Configurer la connexion en deux étapes
admin-two-factor-manage = Réglages de la connexion en deux étapes
admin-col-two-factor = Deux étapes
admin-two-factor-yes = Activée
admin-two-factor-no = Désactivée
admin-two-factor-reset = Réinitialiser la connexion en deux étapes de { $email }
admin-two-factor-roles = Connexion en deux étapes obligatoire
admin-two-factor-roles-hint = Rôles qui doivent utiliser la connexion en deux étapes (les membres qui ne l’ont pas la configurent à leur prochaine connexion)
notice-two-factor-on = La connexion en deux étapes est activée.
notice-recovery-used = Vous vous êtes connecté avec un code de secours. Il ne peut plus servir.
notice-two-factor-roles = Les rôles soumis à la connexion en deux étapes ont été enregistrés.
notice-two-factor-reset = La connexion en deux étapes a été réinitialisée et les sessions de l’utilisateur fermées. Il la configurera à sa prochaine connexion.

# Language names as a sentence in this language writes them ("la version en anglais").
language-name-en = anglais
language-name-fr = français
language-name-es = espagnol
language-name-de = allemand
language-name-ar = arabe
language-name-pt = portugais
language-name-it = italien
language-name-ru = russe
language-name-zh = chinois

# One user's account: role, sites, removal, password links.
admin-title-person = Utilisateur { $email }
admin-back-to-users = ← Tous les utilisateurs
admin-password-link-heading = Lien de mot de passe à usage unique
admin-password-link-hint = Transmettez ce lien à la personne par un canal sûr. Il ne sert qu’une fois, pendant { $hours } heures, et ne sera plus affiché. Son mot de passe actuel reste valable jusqu’à ce qu’elle l’utilise.
admin-password-link-label = Lien
admin-password-link-button = Créer un lien de mot de passe
admin-person-profile = Nom, rôle et sites
admin-person-access = Accès
admin-person-remove = Supprimer cet utilisateur
admin-person-remove-hint = La suppression met fin pour de bon à ses sessions et jetons d’API. Ce qu’il a écrit reste ; le journal d’audit garde son adresse. Pour couper l’accès un temps, désactivez-le plutôt.
admin-person-remove-confirm = Je veux supprimer { $email } définitivement
admin-person-remove-button = Supprimer l’utilisateur
admin-password-reset-heading = Choisir un nouveau mot de passe
admin-password-reset-for = Pour { $email }. Toutes les sessions et tous les jetons d’API de ce compte prennent fin à l’enregistrement.
admin-password-reset-button = Enregistrer le nouveau mot de passe
error-last-admin = Il doit toujours rester au moins un administrateur actif : nommez d’abord quelqu’un d’autre administrateur.
error-user-no-site = Choisissez au moins un site : hormis les administrateurs, chacun travaille sur des sites.
error-remove-self = Vous ne pouvez pas supprimer votre propre compte.
error-remove-confirm = Cochez la case pour confirmer la suppression.
error-reset-disabled = Cet utilisateur est désactivé : réactivez-le avant de créer un lien de mot de passe.
error-reset-link = Ce lien ne fonctionne pas : il a déjà servi, il a expiré ou un lien plus récent l’a remplacé. Demandez-en un nouveau à un administrateur.
notice-user-saved = L’utilisateur a été enregistré. Un nouveau rôle s’applique dès son prochain clic.
notice-user-removed = L’utilisateur a été supprimé.
notice-password-link = Un lien de mot de passe a été créé. Copiez-le maintenant : il n’est affiché qu’une fois.
notice-password-reset = Votre nouveau mot de passe est enregistré. Connectez-vous avec.

# Back-office error pages.
admin-error-back-hint = Le bouton Retour de votre navigateur ramène au formulaire avec ce que vous aviez saisi.
admin-error-documents-link = Aller aux documents

# Themes, partners and media contacts in the back office.
admin-nav-taxonomy = Taxonomies
admin-title-taxonomy = Thèmes, partenaires et contacts
admin-taxonomy-hint = Chaque entrée sert tous les sites, ou seulement le site choisi à son ajout : seuls les documents de ce site peuvent l’utiliser. Le nom dans une langue s’affiche sur les pages de cette langue ; une langue laissée vide affiche le nom par défaut.
admin-taxonomy-themes = Thèmes
admin-taxonomy-partners = Partenaires
admin-taxonomy-contacts = Contacts presse
admin-col-translated = Traduit en
admin-col-slug = Clé d’adresse
admin-col-key = Clé
field-description = Description
field-acronym = Sigle
field-office = Bureau
field-phone = Téléphone
admin-title-theme = Thème : { $name }
admin-title-partner = Partenaire : { $name }
admin-title-programme = Programme : { $name }
admin-title-contact = Contact presse : { $name }
admin-back-to-taxonomy = ← Thèmes, partenaires et contacts
admin-taxonomy-default = Par défaut (toute langue sans nom propre)
admin-taxonomy-empty-hint = Laissez une langue vide pour y afficher le nom par défaut.
error-taxonomy-name = Donnez-lui un nom.
error-taxonomy-long = Un nom compte au plus 200 caractères, un sigle 30, une description 500 et un numéro de téléphone 50.
error-taxonomy-site = Choisissez un site dans la liste.
error-programme-unknown-programme = Choisissez un programme dans la liste.
error-contact-phone = Écrivez le numéro avec des chiffres, des espaces et + - ( ) seulement, par exemple +503 2521 0500.
notice-taxonomy-saved = Enregistré. Les pages affichent aussitôt les nouveaux noms.

# Paste or upload a release: the tagger's proposals in the editor.
admin-title-paste = Coller ou importer un communiqué
admin-paste-link = Coller ou importer un communiqué
admin-paste-hint = Collez un communiqué rédigé ailleurs, ou choisissez son fichier. Portico le lit et ouvre un nouveau brouillon où le lieu et la date, les pays, les partenaires, les contacts presse et les thèmes trouvés sont déjà remplis, chacun avec les mots d’où il vient. Rien n’est enregistré avant que vous n’enregistriez le brouillon.
admin-paste-text = Le texte du communiqué
admin-paste-file = Ou son fichier : .docx, .html, .md ou .txt, jusqu’à { $mb } Mo
admin-paste-button = Le lire
error-paste-empty = Collez le texte du communiqué ou choisissez son fichier.
error-paste-unreadable = Le communiqué n’a pas pu être lu : { $reason }
notice-proposals = Lu. Vérifiez chaque proposition ci-dessous, corrigez le formulaire, puis enregistrez le brouillon : rien n’est encore enregistré.
admin-proposals-heading = Ce que Portico a trouvé
admin-proposals-hint = Les lignes « dans le formulaire » y ont été reportées ; les lignes en gris non (un partenaire ou un contact absent de vos listes, un pays nommé seulement par ses habitants, la date imprimée). Acceptez ou écartez chacune, ou modifiez le formulaire lui-même : rien n’est enregistré avant que vous n’enregistriez.
admin-col-field = Champ
admin-col-proposed = Proposé
admin-col-evidence = D’après les mots
proposal-demonym-only = nommé seulement par ses habitants
proposal-not-listed = absent de vos listes
admin-new-in-language = Ce brouillon est rédigé en { $language }, la langue du communiqué.

# Adding themes, partners and media contacts.
admin-taxonomy-add-theme = Ajouter un thème
admin-taxonomy-add-partner = Ajouter un partenaire
admin-taxonomy-add-contact = Ajouter un contact presse
admin-taxonomy-add-programme = Ajouter un programme
admin-taxonomy-every-site = Tous les sites
admin-taxonomy-owner = Site
admin-taxonomy-programmes = Programmes
admin-taxonomy-add-button = Ajouter
admin-taxonomy-key-hint = La clé entre dans les adresses et ne peut plus changer ensuite ; laissée vide, elle est tirée du nom.
error-taxonomy-key-taken = La clé « { $key } » est déjà prise : choisissez-en une autre.
notice-taxonomy-added = Ajouté. Donnez-lui ici ses noms dans les autres langues.

# The overview: charts of what was published.
admin-nav-overview = Vue d’ensemble
admin-title-overview = Vue d’ensemble
admin-overview-show = Afficher
admin-overview-chart-title = Communiqués de { $site } publiés par mois et par langue
admin-overview-per-month = Publiés par mois : { $site }
admin-overview-numbers = Les chiffres
admin-overview-coverage = Couverture des traductions
admin-overview-coverage-hint = Communiqués publiés dans chaque langue, rapportés à la première langue du site.
admin-overview-releases = Communiqués
admin-overview-share = Part
admin-overview-ahead = Programmés
admin-overview-nothing-ahead = Rien n’est programmé sur vos sites.

# The map on Where we work.
map-title = Carte des pays où nous travaillons
map-description = Les pays dotés d’un bureau sont les plus foncés, ceux dont parlent nos actualités plus clairs. Tous les pays sont listés ci-dessous, par région.
map-legend-office = Bureau
map-legend-covered = Dans nos actualités
map-legend-disputed = Statut contesté (tirets)
map-disclaimer = Les frontières et les noms indiqués ainsi que les désignations employées sur cette carte n’impliquent ni reconnaissance ni acceptation officielles de la part de l’organisation.
# Document list
admin-list-search = Rechercher
admin-list-search-hint = Des mots du titre, du résumé ou du texte de toute version, brouillons compris.
admin-list-all-sites = Tous mes sites
admin-list-author = Créé par
admin-list-editor = Modifié en dernier par
admin-list-anyone = N’importe qui
admin-list-country = Pays
admin-list-any-country = Tous les pays
admin-list-dates = Dates
admin-list-date-field = Quelle date
admin-list-dates-updated = Dernier enregistrement
admin-list-dates-published = Publication
admin-list-from = Du
admin-list-to = Au
admin-list-sort = Trier par
admin-list-sort-updated = Dernier enregistrement
admin-list-sort-published = Date de publication
admin-list-sort-title = Titre
admin-list-sort-relevance = Meilleure correspondance
admin-list-direction = Ordre
admin-list-descending = Plus récent ou Z d’abord
admin-list-ascending = Plus ancien ou A d’abord
admin-list-clear = Effacer les filtres
admin-list-total = { $count ->
    [one] Un document
   *[other] { $count } documents
}
admin-list-total-more = Plus de { $count } documents
admin-list-cut-short = Cette page n’a parcouru qu’une partie de la liste ({ $count } documents). Cliquez sur « Suivant » pour chercher plus loin, ou affinez les filtres.
admin-list-pages = Pages de la liste des documents
admin-list-first = Première page
admin-list-previous = Précédent
admin-list-next = Suivant
admin-list-page = Page { $number }
admin-col-published = Publié
admin-col-last-changed-by = Modifié en dernier par
admin-list-bad-site = « { $value } » n’est pas l’un de vos sites.
admin-list-bad-language = « { $value } » n’est la langue d’aucun site.
admin-list-bad-kind = « { $value } » n’est pas un type de document. Utilisez l’un de : { $kinds }.
admin-list-bad-status = « { $value } » n’est pas un statut.
admin-list-bad-user = « { $value } » n’est pas un utilisateur.
admin-list-bad-date-field = « { $value } » n’est pas une date de filtrage. Utilisez updated ou published.
admin-list-bad-date = « { $value } » n’est pas une date. Utilisez année-mois-jour, par exemple 2025-03-31.
admin-list-bad-range = La date de début est postérieure à la date de fin.
admin-list-bad-sort = « { $value } » n’est pas un ordre. Utilisez updated, published ou title.
admin-list-bad-direction = « { $value } » n’est pas un sens. Utilisez asc ou desc.
admin-list-bad-cursor = « { $value } » n’est pas une position dans cette liste. Recommencez depuis la première page.
admin-list-search-too-long = La recherche « { $value } » est trop longue : 200 caractères au plus.
# Redirects and imports
admin-nav-redirects = Redirections
admin-title-redirects = Redirections
admin-redirects-intro = Une ancienne adresse qui ne mène plus à aucune page envoie ses lecteurs, et les moteurs de recherche, vers la nouvelle, définitivement. Les importations ajoutent les adresses du système d'origine ; ajoutez-en ou retirez-en d'autres ici.
admin-col-old-address = Ancienne adresse
admin-col-new-address = Mène à
admin-col-since = Depuis
admin-redirect-remove = Retirer
admin-redirect-none = Aucune redirection sur ce site.
admin-redirect-add = Ajouter une redirection
admin-redirect-add-button = Ajouter la redirection
field-redirect-old = Ancienne adresse
field-redirect-new = Nouvelle adresse
hint-redirect-new = Un chemin du même site, comme /fr/news/nouvelle-adresse, ou une adresse complète en https://.
error-redirect-old = Donnez l'ancienne adresse sous forme de chemin commençant par /, sans espaces.
error-redirect-new = Donnez la nouvelle adresse sous forme de chemin commençant par /, ou d'adresse complète en https://.
error-redirect-loop = Une adresse ne peut pas rediriger vers elle-même.
notice-redirect-added = La redirection a été enregistrée.
notice-redirect-removed = La redirection a été retirée.
# Coller ou téléverser un communiqué : accepter ou écarter chaque proposition.
admin-col-in-form = Dans le formulaire
proposal-in-form = Dans le formulaire
proposal-left-out = Pas dans le formulaire
proposal-accept = Accepter
proposal-dismiss = Écarter
proposal-date-on-publishing = fixée par qui publie
field-body-image = Image du texte
proposal-image-stored = enregistrée dans la médiathèque et placée dans le texte
proposal-image-not-allowed = non reprise : vous ne pouvez pas téléverser de médias sur ce site
proposal-image-too-many = non reprise : au plus { $max } images sont reprises d’un même fichier
proposal-image-missing = non reprise : le fichier ne contient pas cette image
proposal-image-refused = non reprise : { $reason }

# L’éditeur visuel du corps des documents (barre d’outils, dialogues, vue source).
editor-toolbar = Mise en forme
editor-heading-2 = Titre
editor-heading-3 = Sous-titre
editor-bold = Gras
editor-italic = Italique
editor-link = Lien
editor-bullet-list = Liste à puces
editor-numbered-list = Liste numérotée
editor-quote = Citation
editor-image = Image
editor-video = Vidéo
editor-table = Tableau
editor-table-add-row = Ajouter une ligne
editor-table-add-column = Ajouter une colonne
editor-table-delete-row = Supprimer la ligne
editor-table-delete-column = Supprimer la colonne
editor-table-delete = Supprimer le tableau
editor-undo = Annuler
editor-redo = Rétablir
editor-source = Source Markdown
editor-source-only = Ce texte contient du Markdown (HTML ou notes de bas de page) que l’éditeur visuel ne peut pas afficher sans le modifier : il s’ouvre donc en source.
editor-apply = Appliquer
editor-cancel = Annuler
editor-link-address = Adresse web, courriel (mailto:) ou chemin d’une page (/fr/…)
editor-link-remove = Supprimer le lien
editor-image-address = Adresse de l’image (depuis Médias)
editor-image-alt = Texte alternatif : ce que montre l’image, pour qui ne peut pas la voir
editor-image-caption = Légende et crédit
editor-video-address = Adresse de la vidéo (YouTube ou Vimeo)
editor-video-title = Titre
editor-video-thumbnail = Adresse de l’image d’aperçu (facultatif)
editor-video-unsupported = Seules les adresses de vidéos YouTube et Vimeo donnent une carte vidéo.
editor-video-thumbnail-invalid = Indiquez l’image d’aperçu par une adresse web (https://…) ou un chemin de ce site (/media/…).
editor-video-thumbnail-grid = Choisir l’image d’aperçu de la vidéo


# Sauvegarde automatique du texte non enregistré de l’éditeur.
autosave-kept = Modifications non enregistrées conservées à { $time }.
editor-autosave-failed = Vos dernières modifications n’ont pas pu être conservées sur le serveur. Enregistrez le document pour les garder.
autosave-offer = Vous avez des modifications non enregistrées du { $time }.
autosave-restore = Les restaurer
autosave-discard = Les abandonner
error-autosave-target = Indiquez le document (son numéro et sa langue) ou le type de nouveau document auquel le texte appartient.
error-autosave-title-too-long = Le titre peut compter au plus { $max } caractères.
error-autosave-body-too-large = Le corps peut peser au plus { $max } Ko.

# Le sélecteur de pays de l’éditeur.
editor-country-search = Tapez le nom d’un pays
editor-country-remove = Retirer { $name }
editor-country-hint = Tapez une partie du nom d’un pays ou d’une région, puis choisissez-le avec les flèches et Entrée. Une région ajoute tous ses pays.

# Les sélecteurs de l’éditeur : régions, partenaires, contacts presse et image principale.
hint-partners = Tapez une partie du nom ou du sigle d’un partenaire, puis choisissez-le avec les flèches et Entrée.
hint-contacts = Tapez une partie du nom, du bureau ou de l’adresse e-mail d’un contact, puis choisissez-le avec les flèches et Entrée.
field-add-by-key = Ajouter par clés, telles que la page Taxonomies les indique, séparées par des virgules
editor-region-detail = région, { $count } pays
editor-region-added = Les pays de la région { $name } ont été ajoutés.
editor-partner-search = Tapez le nom ou le sigle d’un partenaire
editor-contact-search = Tapez le nom ou le bureau d’un contact
editor-pick-remove = Retirer { $name }
editor-pick-none = Aucun résultat.
editor-pick-failed = La recherche n’a pas répondu. Vérifiez votre connexion et tapez à nouveau.
editor-image-choose = Choisir une image…
editor-image-change = Choisir une autre image…
editor-image-remove = Retirer l’image principale
editor-image-upload = Téléverser une image…
editor-image-drop = ou déposez un fichier image sur l’éditeur.
editor-image-search = Chercher des images par leurs mots ou leur nom de fichier
editor-image-grid = Choisir l’image principale
editor-image-more = Plus d’images
editor-image-none = Aucune image trouvée.
editor-image-count = Images affichées : { $count }
editor-image-uploading = Téléversement de { $name }…
editor-image-uploaded = { $name } est téléversée et devient l’image principale.
editor-image-alt-title = Décrire l’image
editor-image-alt-saved = Son texte de remplacement est enregistré.
editor-image-failed = Le téléversement n’a pas abouti. Vérifiez votre connexion et réessayez.
editor-image-wrong-type = { $name } n’est pas une image. Déposez un fichier JPEG, PNG ou WebP.
editor-cover-remove = Retirer la couverture
editor-cover-grid = Choisir la couverture
editor-cover-uploaded = { $name } est téléversée et devient la couverture.
editor-pdf-choose = Choisir un PDF…
editor-pdf-change = Choisir un autre PDF…
editor-pdf-remove = Retirer le PDF
editor-pdf-upload = Téléverser un PDF…
editor-pdf-drop = ou déposez un PDF sur l’éditeur.
editor-pdf-search = Chercher des PDF par nom de fichier
editor-pdf-grid = Choisir le PDF de cette version
editor-pdf-more = Plus de PDF
editor-pdf-none = Aucun PDF trouvé.
editor-pdf-count = PDF affichés : { $count }
editor-pdf-uploaded = { $name } est téléversé et devient le PDF de cette version.
editor-pdf-wrong-type = { $name } n’est pas un PDF.
error-pick-too-long = Cherchez au plus { $max } caractères.
error-pick-page = Cette page d’images n’existe pas. Recommencez à la première page.

# Le Programme 2030 : les objectifs de développement durable.
release-goals = Objectifs de développement durable
sdg-goal = Objectif { $number } : { $name }
sdg-targets = Cibles { $targets }
sdg-page-count = { $count ->
    [one] { $count } page
   *[other] { $count } pages
}
sdg-agenda = Programme 2030
sdg-agenda-summary = Les objectifs de développement durable, et ce que nous publions sur chacun.
sdg-goals-heading = Les 17 objectifs de développement durable
sdg-nothing-yet = Rien de publié pour l'instant
sdg-kicker = Objectif de développement durable
sdg-goal-description = Nos communiqués de presse, nos pages et nos publications sur l'{ $goal }.
sdg-pages-heading = Pages
sdg-publications-heading = Publications
sdg-all-publications = Les { $count } publications sur cet objectif
sdg-releases-heading = Communiqués de presse
sdg-no-releases = Aucun communiqué de presse sur cet objectif pour l'instant.
sdg-other-goals = Autres objectifs
field-goals = Objectifs de développement durable
field-targets = Cibles
hint-targets = Numéros de cibles séparés par des virgules, par exemple 10.7, 10.c. Une cible compte aussi pour son objectif.
error-goals-unknown-goal = Indiquez des objectifs de 1 à 17 et des cibles comme 10.7 ou 10.c.
error-goals-too-many = Au plus 40 objectifs et cibles.
filter-goal = Objectif
bad-goal = « { $value } » n'est pas un objectif de développement durable. Les objectifs sont numérotés de 1 à 17.
bad-goal-combined = Les communiqués d'un objectif ne peuvent pas être filtrés en plus par pays ou par thème ; choisissez l'un ou l'autre.

## Vacancies
nav-vacancies = Offres d'emploi
admin-kind-vacancies = Offres d'emploi
vacancies-heading = Offres d'emploi
vacancies-description = Postes ouverts : lieu d'affectation, classe et date limite de candidature.
vacancies-total-none = Aucune offre d'emploi n'est ouverte en ce moment.
vacancy-count = { $count ->
    [one] Une offre ouverte
   *[other] { $count } offres ouvertes
}
vacancies-filter-label = Filtrer les offres
vacancies-none = Aucune offre ouverte ne correspond à ces filtres.
vacancies-feed = Suivre les nouvelles offres (flux Atom)
vacancies-feed-subtitle = Offres d'emploi ouvertes de { $site }
vacancy-kicker = Offre d'emploi
vacancy-about = À propos du poste
vacancy-reference = Référence
vacancy-duty-station = Lieu d'affectation
vacancy-duty-country = Pays d'affectation
vacancy-grade = Classe
vacancy-all-grades = Toutes les classes
vacancy-contract = Contrat
vacancy-all-contracts = Tous les contrats
vacancy-duration = Durée
vacancy-unit = Bureau ou division
vacancy-eligibility = Qui peut postuler
vacancy-eligibility-external = Ouvert à toutes et à tous
vacancy-eligibility-internal = Personnel en poste uniquement
vacancy-opens = Ouverture des candidatures
vacancy-closes = Clôture des candidatures
vacancy-closes-on = Clôture le { $date }
vacancy-closing = Clôture
vacancy-closing-soon = Clôture dans la semaine
vacancy-posted = Publiée le
vacancy-apply = Postuler
vacancy-status-open = Candidatures ouvertes
vacancy-status-closing-soon = Candidatures ouvertes, clôture dans la semaine
vacancy-status-not-yet-open = Les candidatures ouvrent le { $date }.
vacancy-status-closed = Cette offre est close : les candidatures ont pris fin le { $date }.
vacancy-gone = Cette offre a pris fin le { $date } et n'est plus publiée.
vacancy-contract-fixed-term = Engagement de durée déterminée
vacancy-contract-temporary = Engagement temporaire
vacancy-contract-consultancy = Consultance
vacancy-contract-internship = Stage
vacancy-grade-consultant = Consultant·e
vacancy-grade-intern = Stagiaire
vacancy-grade-ug = Hors classe
bad-grade = « { $value } » n'est pas une classe. Utilisez par exemple P-3, G-5, NO-B, consultant ou intern.
bad-contract = « { $value } » n'est pas un type de contrat. Utilisez fixed_term, temporary, consultancy ou internship.
bad-closing = « { $value } » n'est pas un filtre de clôture. Utilisez closing=soon pour les offres qui ferment dans la semaine.
error-gone-heading = Cette page n'existe plus
admin-new-vacancy = Nouvelle offre d'emploi
admin-title-new-vacancy = Nouvelle offre d'emploi
error-slug-taken-vacancy = Une autre offre dans cette langue utilise déjà ce segment d'adresse.
hint-slug-vacancy = La fin de l'adresse, comme dans /fr/vacancies/segment. Laissé vide, il est tiré du titre.
field-choose = Choisir…
field-vacancy = Le poste
field-vacancy-duty-city = Lieu d'affectation (ville)
field-vacancy-offset = Fuseau horaire
field-vacancy-apply-to = Où postuler
hint-vacancy-closes-at = Dans le fuseau horaire du lieu d'affectation : l'offre quitte le site à cette minute.
hint-vacancy-apply-to = L'adresse https:// du formulaire de candidature, ou une adresse électronique.
error-vacancy-time = Indiquez une date et une heure comme 2026-12-15T23:59.
error-vacancy-offset = Choisissez un fuseau horaire dans la liste.
error-vacancy-duty-country-unknown-country = Choisissez le pays d'affectation dans la liste.
error-vacancy-grade-unknown-grade = Choisissez une classe dans la liste.
error-vacancy-closes-at-before-opening = La clôture doit suivre l'ouverture des candidatures.
error-vacancy-closes-at-too-long-open = Une offre reste ouverte un an au plus ; vérifiez l'année de clôture.
error-vacancy-closes-at-mixed-time-zones = Indiquez l'ouverture et la clôture dans le même fuseau horaire.
error-vacancy-apply-to-invalid-address = Indiquez une adresse https:// ou une adresse électronique.

## News by email
nav-subscribe = Actualités par courriel
subscribe-title = Actualités par courriel
subscribe-intro = Recevez les communiqués de presse de ce site dans votre boîte de réception, dès leur publication ou en résumé.
subscribe-email = Adresse électronique
subscribe-frequency = Fréquence
subscribe-frequency-immediate = Dès qu’un communiqué est publié
subscribe-frequency-daily = Un résumé quotidien
subscribe-frequency-weekly = Un résumé hebdomadaire
subscribe-narrow = Seulement certains communiqués (facultatif)
subscribe-countries = Pays
subscribe-themes = Thèmes
subscribe-languages = Langues
subscribe-privacy = Nous n’utilisons votre adresse que pour vous envoyer ces actualités, et chaque courriel permet de se désabonner en un clic.
subscribe-submit = S’abonner
subscribe-unavailable = Les abonnements par courriel ne sont pas disponibles sur ce site pour le moment.
subscribe-sent = Merci. Si { $email } peut recevoir nos courriels, un message avec un lien de confirmation est en route. Votre abonnement commence dès que vous le confirmez.
subscribe-confirm-title = Confirmez votre abonnement
subscribe-confirm-button = Confirmer mon abonnement
subscribe-confirmed-title = Vous êtes abonné
subscribe-confirmed = Votre abonnement est confirmé. Chaque courriel que nous vous envoyons contient un lien pour vous désabonner.
subscribe-link-invalid = Ce lien n’est pas valide ou a expiré. Abonnez-vous à nouveau pour en recevoir un autre.
subscribe-bad-email = « { $value } » n’est pas une adresse électronique.
subscribe-bad-language = « { $value } » n’est pas une langue de ce site.
subscribe-bad-frequency = « { $value } » n’est pas une fréquence : choisissez immédiate, quotidienne ou hebdomadaire.
unsubscribe-title = Se désabonner
unsubscribe-intro = Ne plus recevoir les actualités de ce site par courriel.
unsubscribe-button = Me désabonner
unsubscribe-done = Vous êtes désabonné : nous ne vous enverrons plus d’actualités par courriel.
email-confirm-subject = Confirmez votre abonnement à { $site }
email-confirm-intro = Quelqu’un, probablement vous, a demandé à recevoir les actualités de { $site } à cette adresse. Confirmez avec le bouton ci-dessous.
email-confirm-button = Confirmer mon abonnement
email-confirm-ignore = Si vous n’avez rien demandé, ignorez ce courriel : rien ne vous sera envoyé.
email-news-subject = { $site } : { $count } nouveaux communiqués
email-news-heading = Actualités de { $site }
email-news-read = Lire le communiqué
email-news-why = Vous recevez ce courriel parce que vous vous êtes abonné aux actualités de { $site }.
email-unsubscribe = Se désabonner
admin-nav-subscribers = Abonnés
admin-title-subscribers = Abonnés aux actualités par courriel
admin-subscribers-intro = Les lecteurs qui ont confirmé un abonnement aux actualités d’un site. Exportez-les, ou supprimez celui qui le demande.
admin-subscribers-show = Afficher
admin-subscribers-count = { $count } abonnés
admin-subscribers-export = Exporter en CSV
admin-subscribers-filters = Seulement
admin-subscribers-confirmed = Confirmé le
admin-subscribers-delete = Supprimer
admin-subscribers-more = Abonnés suivants
admin-subscribers-none = Aucun abonné pour l’instant.
notice-subscriber-deleted = L’abonné a été supprimé.

# Publications
nav-publications = Publications
publications-heading = Publications
publications-description = Rapports, études et documents de recherche, à télécharger dans chaque langue de publication.
publications-total-none = Aucune publication pour l’instant.
publication-count = { $count ->
    [one] Une publication
   *[other] { $count } publications
}
publications-filter-label = Affiner les publications
publications-none = Aucune publication ne correspond à ces filtres.
publication-kicker = Publication
publication-language = Langue
publication-year = Année
publication-authors = Auteurs ou service éditeur
publication-form = Type
publication-form-report = Rapport
publication-form-book = Livre
publication-form-paper = Document de recherche
publication-isbn = ISBN
publication-issn = ISSN
publication-series = Collection
publication-cover = Image de couverture
publication-file = PDF de cette version linguistique
publication-pages = { $count ->
    [one] une page
   *[other] { $count } pages
}
publication-downloads = Télécharger
publication-no-download = Aucun fichier n’a encore été publié pour cette publication.
publication-cite = Citer cette publication
publication-copy-apa = Copier la citation APA
publication-copy-bibtex = Copier l’entrée BibTeX
publication-copied = Copié
publication-about = À propos de cette publication
bad-series = « { $value } » n’est pas un nom de collection.
admin-kind-publications = Publications
admin-new-publication = Nouvelle publication
admin-title-new-publication = Nouvelle publication
error-slug-taken-publication = Une autre publication dans cette langue utilise déjà ce slug.
error-publication-file = Indiquez le numéro d’un PDF de la médiathèque de ce site.
error-publication-year = Indiquez l’année en quatre chiffres, par exemple 2026.
error-publication-year-out-of-range = Indiquez une année entre 1950 et l’an prochain.
error-publication-isbn-invalid-isbn = Cet ISBN n’est pas valide : vérifiez ses chiffres (10 ou 13, le dernier étant une clé de contrôle).
error-publication-issn-invalid-issn = Cet ISSN n’est pas valide : huit caractères comme 2049-3630, le dernier étant une clé de contrôle.
field-publication = Informations sur la publication
hint-publication-facts = Ces informations valent pour toutes les versions linguistiques ; seuls les rédacteurs de l’original les modifient.
hint-publication-authors = Noms de personnes séparés par des points-virgules (Doe, Jane; Roe, Ann), ou le service qui l’a publiée.
hint-publication-cover = La couverture en image, montrée dans la bibliothèque et sur la page de la publication ; choisissez-la ou téléversez-la ici (sans le sélecteur, indiquez le numéro d’une image).
hint-publication-file = Le PDF que les lecteurs téléchargent dans cette langue ; choisissez-le ou téléversez-le ici. Ses pages sont comptées et son texte est indexé (sans le sélecteur, indiquez le numéro d’un PDF).
