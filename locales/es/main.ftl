# Textos de la interfaz de Portico, en español.

## Fechas
date-long = { $day } de { $month } de { $year }
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre

## Marco
skip-to-content = Ir al contenido principal
nav-main = Principal
nav-footer = Pie de página
nav-breadcrumb = Ruta de navegación
breadcrumb-home = Inicio
nav-news = Noticias
footer-un = Parte del sistema de las Naciones Unidas.
language-switcher = Idiomas
language-current = { $language } (idioma actual)

## Listas y comunicados
release-count = { $count ->
    [one] { $count } comunicado de prensa
   *[other] { $count } comunicados de prensa
}
from-global-site = Del sitio mundial
translation-missing = Esta página no está disponible en { $language }. Esta es la versión en { $original }.

# Un número solo, escrito como lo escribe el idioma de la página.
number = { $n }

## Inicio, páginas, listas
home-latest-news = Últimas noticias
home-all-releases = Todos los comunicados de prensa
home-explore = Descubra
page-in-this-section = En esta sección
release-countries-label = Países
pagination-label = Paginación
pagination-previous = Anterior
pagination-previous-label = Página anterior
pagination-next = Siguiente
pagination-next-label = Página siguiente
pagination-page = Página
title-page = { $title } – página { $page }

## La lista de noticias y sus filtros
news-heading = Noticias y comunicados de prensa
news-about = Noticias sobre { $country }
news-description = Los comunicados de prensa de la Organización, del más reciente al más antiguo.
news-total-none = No se encontraron comunicados de prensa.
news-total-paged = { $releases } · página { $page } de { $pages }
news-none = Ningún comunicado de prensa coincide con estos filtros.
news-filter-label = Filtrar los comunicados de prensa
filter-country = País
filter-all-countries = Todos los países
filter-theme = Tema
filter-all-themes = Todos los temas
filter-year = Año
filter-all-years = Todos los años
filter-apply = Aplicar filtros
filter-active = Filtros activos
filter-remove = Quitar
filter-remove-label = Quitar el filtro { $label }: { $value }
filter-clear = Borrar todos los filtros
feed-label = Noticias: { $filters }
feed-subtitle = Comunicados de prensa de { $site }, del más reciente al más antiguo.
site-description = Noticias, comunicados de prensa e historias de { $site }.

## Direcciones de listas erróneas
bad-query = No se pudieron leer los parámetros de la dirección.
bad-country = «{ $value }» no es un código de país. Utilice un código ISO 3166-1 de dos letras, como sv para El Salvador.
bad-theme = «{ $value }» no es uno de nuestros temas.
bad-year = «{ $value }» no es un año. Utilice cuatro cifras, como 2015.
bad-page = «{ $value }» no es un número de página. Las páginas se numeran a partir de 1.

## Un comunicado de prensa
release-kicker = Comunicado de prensa
release-about = Acerca de este comunicado
release-media-contacts = { $count ->
    [one] Contacto para los medios
   *[other] Contactos para los medios
}
contact-phone = Tel.:
contact-email = Correo electrónico:
release-countries = Países
release-themes = Temas
release-partners = Asociados
release-programme = Programa
related-releases = Comunicados relacionados

## Dónde trabajamos
nav-where-we-work = Dónde trabajamos
regions-label = Regiones
region-other = Otros territorios
subregion-other = Fuera de las regiones de las Naciones Unidas
country-description = Nuestra labor y nuestras noticias en { $country }.
country-releases = Comunicados de prensa
country-all-releases = { $count ->
    [one] El único comunicado de prensa sobre { $country }
   *[other] Los { $count } comunicados de prensa sobre { $country }
}
country-no-releases = Todavía no hay comunicados de prensa sobre { $country }.

## Noticias de otras fuentes
elsewhere-heading = Noticias de otras fuentes
elsewhere-description = Noticias de asociados y de otros sitios que seguimos, de la más reciente a la más antigua.
elsewhere-intro = Noticias de asociados y de otros sitios que seguimos. Cada artículo pertenece a su fuente; siga su enlace para leerlo allí.
elsewhere-newer = Más recientes
elsewhere-newer-label = Artículos más recientes
elsewhere-older = Más antiguos
elsewhere-older-label = Artículos más antiguos
elsewhere-none = Todavía no hay nada de otras fuentes.
elsewhere-own-releases = Nuestros propios comunicados de prensa

## Páginas de error
error-kicker = Error { $status }
error-home-link = Ir a la página de inicio
error-news-link = Leer los últimos comunicados de prensa
error-not-found-heading = Página no encontrada
error-not-found-message = No encontramos la página solicitada. Puede que se haya trasladado o que la dirección contenga un error.
error-bad-request-heading = No se pudo entender esta solicitud
error-bad-request-message = Compruebe la dirección e inténtelo de nuevo.
error-forbidden-heading = Acceso no permitido
error-forbidden-message = Su función no permite esta acción aquí. Si la necesita, consulte a un administrador.
error-csrf-message = Este formulario ha caducado o se envió desde otro sitio. Vuelva atrás, recargue la página e inténtelo de nuevo.
error-too-many-heading = Espere un momento
error-too-many-message = { $seconds ->
    [one] Demasiados intentos fallidos. Vuelva a intentarlo dentro de { $seconds } segundo.
   *[other] Demasiados intentos fallidos. Vuelva a intentarlo dentro de { $seconds } segundos.
}
error-too-large-heading = Demasiado grande
error-conflict-heading = Se modificó mientras tanto
error-conflict-message = Otra persona lo modificó, o el valor ya está en uso. Vuelva a cargar la página e inténtelo de nuevo.
error-unprocessable-heading = No se pudo atender esta solicitud
error-unprocessable-message = Hace referencia a algo que no existe. Compruebe los valores e inténtelo de nuevo.
error-server-heading = Se produjo un error en nuestro sistema
error-server-message = No se pudo mostrar la página. Vuelva a intentarlo en un momento.

## Administración: marco y navegación
admin-nav-label = Administración
admin-nav-documents = Documentos
admin-nav-media = Medios
admin-nav-translations = Traducciones
admin-nav-menus = Menús
admin-nav-sites = Sitios
admin-nav-users = Usuarios
admin-nav-audit = Registro de auditoría
admin-nav-feeds = Canales
admin-nav-account = Cuenta
admin-sign-out = Cerrar sesión
role-admin = administrador
role-editor = editor
role-author = autor
role-translator = traductor

## Administración: inicio de sesión
admin-sign-in = Iniciar sesión
admin-sign-in-with = Iniciar sesión con { $provider }
admin-sign-in-heading = Iniciar sesión en Portico
field-email = Correo electrónico
field-password = Contraseña
error-login-empty = Escriba su dirección de correo electrónico y su contraseña.
error-login-wrong = Ese correo electrónico y esa contraseña no corresponden a ninguna cuenta.
error-login-sso-only = El inicio de sesión con contraseña está desactivado aquí: inicie sesión con la cuenta de su organización.
error-sso-state = Este inicio de sesión caducó, ya se usó o se empezó en otro navegador. Vuelva a empezar, por favor.
error-sso-refused = { $provider } no inició su sesión. Inténtelo de nuevo o consulte a su administrador.
error-sso-token = { $provider } envió un inicio de sesión que no superó las comprobaciones de Portico. Inténtelo de nuevo; si vuelve a ocurrir, avise a su administrador.
error-sso-unreachable = No se puede contactar con { $provider } en este momento. Inténtelo de nuevo en unos minutos.
error-sso-no-role = Su cuenta de { $provider } no pertenece a ningún grupo con acceso a Portico. Pida a su administrador que le añada a uno.
error-sso-disabled = Su cuenta de Portico está desactivada. Pida a un administrador que la vuelva a activar.
error-sso-email = Portico no puede asociar su cuenta de { $provider } a una cuenta de Portico por su correo electrónico. Consulte a su administrador.

## Administración: avisos tras una acción
notice-saved = Guardado.
notice-created = Creado.
notice-submitted = Enviado para revisión.
notice-published = Publicado.
notice-scheduled = Programado.
notice-unpublished = Retirado del sitio público.
notice-archived = Archivado.
notice-returned = Devuelto a borrador.
notice-restored = La revisión se restauró como una revisión nueva.
notice-uploaded = Subido.
notice-password = Se cambió su contraseña. Se cerraron las demás sesiones.
notice-failed-logins = Alguien intentó iniciar sesión en su cuenta con una contraseña incorrecta desde su último inicio de sesión. Si no fue usted, elija abajo una contraseña nueva y más segura.
notice-revoked = Se revocó el token.
notice-menu = Se guardó el menú.
notice-user = Se creó el usuario.
admin-col-access = Acceso
admin-user-active = Activo
admin-user-disabled = Desactivado
admin-disable-user = Desactivar
admin-enable-user = Reactivar
notice-user-disabled = Se desactivó el usuario: sus sesiones y sus tokens de API terminaron.
notice-user-enabled = El usuario puede volver a iniciar sesión. Sus antiguos tokens de API siguen revocados.
error-disable-self = No puede desactivar su propia cuenta.
notice-loggedout = Ha cerrado la sesión.
notice-language = La administración usa ahora el idioma que eligió.
notice-token-once = Copie el token ahora: solo se muestra una vez.

## Administración: palabras comunes
admin-all = Todos
admin-filter = Filtrar
admin-save = Guardar
admin-never = nunca
admin-col-title = Título
admin-col-kind = Tipo
admin-col-site = Sitio
admin-col-language = Idioma
admin-col-status = Estado
admin-col-name = Nombre
admin-col-email = Correo electrónico
admin-col-role = Función
admin-col-sites = Sitios
error-form-too-large = El formulario supera el límite de { $mb } MB. Acorte el texto e inténtelo de nuevo.
error-form-unreadable = No se pudo leer el formulario: { $reason }
error-choose-site = Elija un sitio.

## Administración: documentos
admin-new-release = Nuevo comunicado de prensa
admin-new-page = Nueva página
admin-filter-documents = Filtrar los documentos
admin-kind = Tipo
admin-kind-releases = Comunicados de prensa
admin-kind-pages = Páginas
admin-status = Estado
admin-documents-caption = Documentos, del modificado más recientemente al más antiguo
admin-col-last-saved = Última vez guardado
admin-no-documents = Ningún documento coincide.
kind-release = comunicado
kind-page = página
kind-vacancy = vacante
kind-publication = publicación
status-draft = Borrador
status-in_review = En revisión
status-scheduled = Programado
status-published = Publicado
status-archived = Archivado
status-unknown = Desconocido

## Administración: el editor
admin-title-edit = Editar: { $title }
admin-revisions = Revisiones
admin-view-on-site = Ver en el sitio
admin-doc-revision = revisión { $number }
admin-doc-saved = guardado el { $time }
admin-doc-publication-time = fecha de publicación { $time }
admin-errors-heading = { $count ->
    [one] No se guardó nada: corrija { $count } problema
   *[other] No se guardó nada: corrija { $count } problemas
}
field-site = Sitio
field-title = Título
field-slug = Identificador de URL
field-path = Ruta
field-slug-or-path = Identificador de URL o ruta
hint-slug-release = El final de la dirección, como en /es/news/identificador. Si se deja vacío, se forma a partir del título.
hint-slug-page = La dirección después del idioma, como our-work/partnerships.
field-dateline = Lugar
hint-dateline = El lugar de donde procede el comunicado, como San Salvador.
field-published-at = Fecha y hora (UTC)
hint-published-at = Se muestra como la fecha del comunicado. Al publicar de inmediato se usa si ya ha pasado.
field-publication-time = Fecha de publicación
field-summary = Resumen
hint-summary = Una o dos oraciones: la noticia en breve, que se usa en listas, canales y resultados de búsqueda.
field-body = Cuerpo (Markdown)
field-body-short = Cuerpo
hint-body = ## para los subtítulos, **negrita**, *cursiva*, [enlaces](https://…), - para las listas, > para las citas.
field-countries = Países
hint-countries = Códigos ISO de dos letras separados por comas, como SV, GT, HN.
field-themes = Temas
field-partners = Organizaciones asociadas
field-partners-short = Asociados
field-programme = Programa
field-programme-none = Ningún programa
field-contacts = Contactos para los medios
field-contacts-short = Contactos
field-image = Imagen principal
admin-no-image = Sin imagen
admin-image-no-alt = { $file } (todavía sin texto alternativo)
hint-image-link = Suba las imágenes en Medios.
hint-image = Una imagen necesita texto alternativo para que el comunicado pueda publicarse.
admin-create-draft = Crear borrador
admin-preview = Vista previa
admin-preview-hint = Pulse Vista previa para ver el cuerpo tal como lo verán los lectores.
admin-workflow = Flujo de trabajo
admin-publish-at = Publicar el (UTC)
workflow-submit = Enviar para revisión
workflow-publish = Publicar ahora
workflow-schedule = Programar
workflow-return = Devolver a borrador
workflow-unpublish = Retirar de la publicación
workflow-unschedule = Cancelar la programación
workflow-archive = Archivar
workflow-restore-draft = Volver a borrador
admin-conflict = Otra persona guardó este documento mientras usted lo editaba (ahora está en la revisión { $revision }). No se guardó nada. Su texto se conserva abajo: compárelo con el de la otra persona en Revisiones y vuelva a guardar para reemplazar esa versión por la suya.
error-published-at = Indique una fecha y una hora, como 2026-11-28T09:00.
error-image-site = Elija una imagen de este sitio.
error-image-list = Elija una imagen de la lista.
error-slug-taken-release = Otro comunicado en este idioma ya usa este identificador.
error-slug-taken-page = Otra página en este idioma ya tiene esta ruta.
error-not-in-list = «{ $value }» no figura en la lista.
error-lost-revision = El formulario perdió su número de revisión; recargue la página.
workflow-need-time = Elija la fecha y la hora (UTC) de publicación.
workflow-time-passed = La hora de publicación ya pasó. Elija una hora futura o publique ahora.
workflow-unknown = Acción de flujo de trabajo desconocida.
workflow-refused = Un documento en estado «{ $from }» no puede pasar a «{ $to }».
workflow-image-alt = La imagen principal no tiene texto alternativo. Añádalo en Medios antes de publicar.
workflow-status-changed = Otra persona acaba de cambiar el estado de este documento. Recargue la página e inténtelo de nuevo.
refusal-forbidden = Su función no lo permite en ese sitio.
refusal-translation-is-live = Esta traducción está publicada o programada, así que no puede cambiarse sin revisión. Pida a un editor que la devuelva a borrador; luego edítela y envíela de nuevo.
error-too-large = Como máximo { $max } KB.
error-too-deep = Las citas, listas y otros elementos pueden anidarse como máximo { $max } niveles.
error-required = Este campo es obligatorio.
error-too-long = Como máximo { $max } caracteres.
error-control-characters = Contiene caracteres de control.
error-invalid-slug = Utilice letras minúsculas, cifras y guiones simples, con un máximo de 80 caracteres.
error-invalid-path = Utilice palabras en minúsculas unidas por guiones, con / entre niveles (our-work/partnerships).
error-unknown-country = «{ $code }» no es un código de país ISO 3166-1.

## Administración: revisiones
admin-title-revisions = Revisiones: { $title }
admin-back-to-editor = Volver al editor
admin-revisions-caption = Revisiones, de la más reciente a la más antigua
admin-col-revision = Revisión
admin-col-saved = Guardada
admin-col-by = Por
admin-col-from = Desde
admin-col-to = Hasta
admin-restore = Restaurar
admin-current = actual
admin-author-import = importación
admin-compare-from = Comparar desde la revisión { $number }
admin-compare-to = Comparar hasta la revisión { $number }
admin-restore-revision = Restaurar la revisión { $number }
admin-compare = Comparar las revisiones elegidas
admin-title-diff = Revisión { $from } → { $to }
admin-diff-heading = Cambios de la revisión { $from } a la revisión { $to }
admin-all-revisions = Todas las revisiones
admin-diff-removed = eliminado:
admin-diff-added = añadido:
admin-diff-same = Las dos revisiones son iguales.
error-choose-revisions = Elija dos revisiones para comparar.
error-no-revision = No existe la revisión { $number }.
restore-stale = Alguien acaba de guardar este documento. Recargue la página e inténtelo de nuevo.
restore-slug-taken = El identificador de esa revisión lo usa ahora otro documento; restáurela manualmente.

## Administración: medios
admin-title-media = Medios
admin-upload = Subir
field-file = Archivo
hint-file = Imágenes JPEG, PNG o WebP, o archivos PDF; { $mb } MB como máximo.
field-alt = Texto alternativo
field-media-public = Público desde ahora
hint-media-public = Si no, solo lo ven los usuarios conectados hasta que algo publicado lo use.
hint-alt = Lo que muestra la imagen, para las personas que no pueden verla. Obligatorio antes de publicar un comunicado con esta imagen.
field-caption = Pie de foto
field-credit = Créditos
admin-no-alt = sin texto alternativo
admin-nothing-uploaded = Todavía no se ha subido nada.
admin-size-mb = { $size } MB
admin-size-kb = { $size } KB
admin-all-media = Todos los medios
admin-original-file = Archivo original
admin-pixels = píxeles
admin-uploaded-at = subido el { $time }
error-media-text-too-long = El texto alternativo, el pie de foto y los créditos pueden tener como máximo { $max } caracteres.
error-upload-too-large = Los archivos subidos pueden tener como máximo { $mb } MB.
error-upload-unreadable = No se pudo leer el archivo subido: { $reason }
media-empty = El archivo está vacío.
media-too-large = El archivo tiene { $size } MB; los archivos pueden tener como máximo { $max } MB.
media-not-image = Este archivo no es una imagen JPEG, PNG o WebP.
media-not-pdf = Este archivo no es un documento PDF.
media-corrupt = El archivo está dañado o incompleto ({ $detail }).
media-active-content = Este PDF contiene { $what }, lo que no se acepta. Guárdelo sin ello (por ejemplo, imprimiéndolo en un PDF nuevo) y vuelva a subirlo.
media-too-many-pixels = La imagen mide { $width } × { $height } píxeles; las imágenes pueden medir como máximo { $side } píxeles por lado y { $megapixels } megapíxeles en total.
media-encode-failed = No se pudo convertir la imagen ({ $detail }).

## Administración: menús
admin-title-menu = Menú de { $site }
admin-sites-label = Sitios
admin-menu-hint = Las filas aparecen en el orden de sus números. Un subelemento se coloca bajo el elemento principal más cercano por encima. Vacíe la etiqueta para quitar una fila; rellene una fila vacía para añadirla. Las rutas se escriben sin el idioma ({ $language }), así:
admin-col-order = Orden
admin-col-label = Etiqueta
admin-col-path = Ruta
admin-col-sub-item = Subelemento
admin-row-order = Orden de la fila { $row }
admin-row-label = Etiqueta de la fila { $row }
admin-row-path = Ruta de la fila { $row }
admin-row-child = La fila { $row } es un subelemento
admin-save-menu = Guardar el menú
error-menu-row = Fila { $row }: las etiquetas tienen como máximo 100 caracteres; las rutas son del tipo our-work/partnerships.
error-menu-first-child = La primera fila no puede ser un subelemento: no hay nada por encima.

## Administración: registro de auditoría
admin-title-audit = Registro de auditoría
admin-filter-audit = Filtrar el registro de auditoría
admin-audit-user = Usuario
admin-audit-action = La acción empieza por
admin-audit-site = Clave del sitio
admin-audit-since = Desde
admin-audit-until = Hasta
admin-audit-caption = Acciones privilegiadas, de la más reciente a la más antigua
admin-col-when = Cuándo
admin-col-who = Quién
admin-col-action = Acción
admin-col-on = Sobre
admin-col-detail = Detalle
admin-col-client = Desde
admin-no-entries = Ninguna entrada coincide.
error-date-field = { $field }: indique una fecha, como 2026-11-28.

## Administración: su cuenta
admin-title-account = Su cuenta
admin-you-are = Usted es { $email }, { $role } en { $sites }.
admin-all-sites = todos los sitios
admin-change-password = Cambiar su contraseña
admin-password-at-provider = Su contraseña y sus factores de inicio de sesión se gestionan en { $provider }.
field-current-password = Contraseña actual
field-new-password = Nueva contraseña
hint-new-password = Al menos { $min } caracteres. Se cerrarán las demás sesiones.
field-confirm-password = Repita la nueva contraseña
admin-change-password-button = Cambiar la contraseña
admin-api-tokens = Tokens de la API
admin-tokens-hint = Un token permite a un programa usar la API JSON con sus permisos. Envíelo en este encabezado:
admin-new-token = Su nuevo token
admin-new-token-hint = (cópielo ahora; no volverá a mostrarse):
admin-col-created = Creado
admin-col-last-used = Último uso
admin-revoke = Revocar
admin-token-revoked = revocado
admin-revoke-token = Revocar { $name }
field-token-name = Nombre de un nuevo token
admin-create-token = Crear token
admin-language = Idioma de la administración
admin-language-hint = Para usted, en este navegador. El sitio público conserva sus propios idiomas.
admin-language-browser = Según mi navegador
admin-language-button = Usar este idioma
error-language = Elija uno de los idiomas propuestos.
error-password-current = Su contraseña actual no es correcta.
error-password-short = Elija una nueva contraseña de al menos { $min } caracteres.
error-password-differ = Las dos nuevas contraseñas no coinciden.
error-token-name = Dé al token un nombre (100 caracteres como máximo) según lo que vaya a usarlo.

## Administración: usuarios
admin-title-users = Usuarios
admin-add-user = Añadir un usuario
field-name = Nombre
field-role = Función
field-initial-password = Contraseña inicial
admin-sites-not-for-admins = Sitios (no es necesario para los administradores)
admin-add-user-button = Añadir usuario
admin-sites-all = todos
error-unknown-site = Sitio desconocido: «{ $key }».
error-email = Escriba una dirección de correo electrónico válida.
error-user-password = La contraseña debe tener al menos { $min } caracteres.
error-role = Elija una función.
error-user-exists = Ya existe un usuario con este correo electrónico.

## Administración: canales de otras fuentes
admin-title-feeds = Canales de otras fuentes
admin-feeds-intro = Cada sitio puede seguir canales RSS o Atom de asociados y de otros sitios. Sus artículos aparecen en la página «{ $page }» del sitio, con su fuente y un enlace a ella. Los canales se consultan según su calendario y solo desde direcciones públicas; su HTML se depura antes de guardarse.
admin-col-source = Fuente
admin-col-filters = Filtros
admin-col-every = Frecuencia
admin-col-last-fetch = Última consulta
admin-col-items = Artículos
admin-col-actions = Acciones
admin-feed-untitled = (nombre del canal)
admin-feed-keywords = Palabras clave: { $terms }
admin-feed-categories = Categorías: { $terms }
admin-feed-all-items = todos los artículos
admin-feed-every = { $minutes } min
feed-status-paused = en pausa
feed-status-never = aún sin consultar
feed-status-ok = correcto
feed-status-not-modified = correcto (sin cambios)
feed-status-failed = error
admin-feed-fetch = Consultar ahora
admin-feed-pause = Pausar
admin-feed-resume = Reanudar
admin-feed-remove = Quitar
admin-feed-none = Este sitio no sigue ningún canal.
admin-feed-follow = Seguir un canal
field-feed-url = Dirección del canal
field-feed-title = Nombre de la fuente
hint-feed-title = Se muestra junto a cada artículo. Déjelo vacío para usar el título propio del canal.
field-feed-every = Consultar cada (minutos)
field-feed-keywords = Solo artículos que mencionen
hint-feed-keywords = Palabras clave separadas por comas; si se deja vacío, se conservan todos los artículos.
field-feed-categories = Solo artículos de las categorías
hint-feed-categories = Categorías separadas por comas, tal como las nombra el canal; si se deja vacío, se conservan todos los artículos.
admin-feed-follow-button = Seguir este canal
notice-feed-added = Se añadió el canal. Consúltelo ahora o espere a su calendario.
notice-feed-removed = Se quitaron el canal y sus artículos.
notice-feed-enabled = Se vuelve a seguir el canal.
notice-feed-disabled = El canal está en pausa; sus artículos se ocultan.
notice-feed-fetched = Consultado.
notice-feed-not-modified = Consultado: nada nuevo desde la última vez.
notice-feed-failed = La consulta falló; el motivo se indica junto al canal.
notice-feed-busy = El canal se está consultando en este momento (en este servidor u otro); vuelva a mirar en un instante.
error-feed-url-long = La dirección del canal es demasiado larga.
error-feed-url = Dirección del canal: { $reason }.
error-feed-title = El nombre de la fuente tiene como máximo 200 caracteres.
error-feed-every = Consulte cada { $min } a { $max } minutos.
error-feed-keywords = Palabras clave: { $max } como máximo, separadas por comas, de hasta 100 caracteres cada una.
error-feed-categories = Categorías: { $max } como máximo, separadas por comas, de hasta 100 caracteres cada una.
error-feed-exists = Este sitio ya sigue este canal.
error-feed-enabled = Indique si se debe seguir el canal: enabled=true o false.
admin-title-new-release = Nuevo comunicado de prensa
admin-title-new-page = Nueva página
admin-languages = Idiomas
admin-original = original
admin-out-of-date = desactualizada
admin-partner-logo = Logotipo
admin-partner-logo-current = El logotipo de { $name }
admin-partner-logo-none = Aún sin logotipo: los comunicados muestran solo el nombre del socio.
admin-partner-logo-file = Archivo del logotipo
admin-partner-logo-hint = PNG, JPEG o WebP. Se muestra en pequeño junto al nombre del socio en las páginas públicas y pasa a ser público de inmediato.
admin-partner-logo-upload = Subir logotipo
admin-partner-logo-remove = Quitar logotipo
admin-source-heading = El original, en { $language }
admin-source-revisions = Original en la revisión { $revision }; esta traducción se guardó por última vez a partir de la revisión { $translated }.
admin-source-changed = { $count ->
    [one] Un fragmento cambió desde entonces: está señalado.
   *[other] { $count } fragmentos cambiaron desde entonces: están señalados.
}
admin-source-up-to-date = Nada cambió en el original desde que se guardó esta traducción por última vez.
admin-source-unknown = No se conserva la revisión de la que parte esta traducción, así que nada está señalado.
admin-source-changed-mark = Cambiado desde esta traducción:
admin-translate-into = Traducir a { $language }
notice-translation = Se inició una traducción a partir del original. Tradúzcala, guárdela y publíquela.
date-time = { $date }, { $time } UTC

## Administración: sitios y traducciones
admin-title-translations = Traducciones: { $site }
admin-col-document = Documento
admin-links = Enlaces
admin-view = Ver
admin-add-site = Añadir un sitio
admin-add-site-button = Añadir sitio
admin-all-sites-link = Todos los sitios
field-site-key = Clave
hint-site-key = Corta y estable: se usa en /sites/clave/ y en la línea de comandos.
hint-site-languages = Códigos en orden, como es, en. El primero es el predeterminado.
hint-site-country = Para una oficina en el país: su código ISO, como SV. Los comunicados mundiales sobre ese país aparecen entonces en el sitio.
field-site-hosts = Nombres de host
hint-site-hosts = Separados por comas, como elsalvador.iom.int.
field-site-names = Nombre en otros idiomas
hint-site-names = Uno por línea, así:
field-site-missing = Cuando falta una página en un idioma
site-missing-fallback = Mostrar la versión en el idioma predeterminado, con un aviso
site-missing-not-found = Responder «página no encontrada»
error-site-host-taken = Otro sitio ya usa un nombre de host.
error-site-key-taken = Otro sitio ya usa esta clave.
error-site-language = { $site } no publica en «{ $language }».
error-translation-exists = Este documento ya tiene una versión en { $language }.
translations-summary = Faltan: { $missing }; por actualizar: { $outdated }.
translations-caption = Cada documento en cada uno de los idiomas del sitio
translations-none = Este sitio todavía no tiene documentos.
translation-missing-cell = Falta
translation-outdated-cell = Desactualizada
translation-original-cell = Original
translation-current-cell = Al día

## Búsqueda
search-site-label = Búsqueda en el sitio
search-this-site = Buscar en este sitio
search-placeholder = Buscar
search-button = Buscar
search-heading = Búsqueda
search-title = Búsqueda: { $text }
search-results-for = Resultados de la búsqueda «{ $text }»
search-description = Buscar en los comunicados de prensa y las páginas de este sitio.
search-for = Buscar
search-tip-words = Deben coincidir todas las palabras.
search-tip-phrase = Ponga una frase entre comillas, como en
search-tip-minus = Ponga un signo menos delante de una palabra para excluirla, como en
search-intro = Busque en los comunicados de prensa y las páginas de este sitio, en todos los idiomas en que publica.
search-unavailable = La búsqueda no está disponible en este momento. Vuelva a intentarlo dentro de unos minutos.
search-tip-browse = Ver las últimas noticias
search-tip-spelling = Compruebe la ortografía, o pruebe con menos palabras o con palabras más generales.
search-tip-filter = Quite un filtro para ampliar la búsqueda.
search-nothing = No hay resultados.
search-nothing-text = No hay resultados para «{ $text }».
search-nothing-filters = No hay resultados con estos filtros.
search-nothing-text-filters = No hay resultados para «{ $text }» con estos filtros.
search-refine = Afinar los resultados
search-selected-remove = (seleccionado: quitar)
search-no-results = Ningún resultado
search-result-count = { $count ->
    [one] { $count } resultado
   *[other] { $count } resultados
}
search-cut = Su búsqueda era larga: solo se usaron sus primeros { $max } caracteres.
search-unreadable = No se pudo leer la búsqueda. Compruebe la dirección e inténtelo de nuevo.
search-too-many-values = Demasiados valores para el filtro { $facet }: elija como máximo { $max }.
search-kind-page = Página
search-facet-country = País
search-facet-region = Región
search-facet-theme = Tema
search-facet-kind = Tipo
search-facet-year = Año
search-facet-language = Idioma
search-more-country = Más países
search-more-region = Más regiones
search-more-theme = Más temas
search-more-kind = Más tipos
search-more-year = Más años
search-more-language = Más idiomas
bad-region = «{ $value }» no es una región. Utilice un código de región M49 de las Naciones Unidas, como 019 para las Américas.
bad-kind = «{ $value }» no es un tipo de contenido. Utilice uno de estos: { $kinds }.
bad-language = «{ $value }» no es un idioma de este sitio.

## Two-factor sign-in
admin-code-heading = Introduzca su código de acceso
admin-code-intro = La contraseña de { $email } es correcta. Ahora introduzca el código de seis dígitos que muestra su aplicación de autenticación.
field-code = Código
hint-code = Los seis dígitos de su aplicación de autenticación, o uno de sus códigos de recuperación.
admin-code-button = Verificar
admin-code-cancel = Cancelar y cerrar sesión
error-code-empty = Introduzca el código de su aplicación de autenticación.
error-code-wrong = Ese código no es correcto. Compruebe la hora de su teléfono y pruebe el código más reciente.
error-code-used = Ese código ya se usó. Espere al siguiente.
error-code-enrol = Ese código no corresponde al nuevo secreto. Introduzca el código de seis dígitos más reciente de su aplicación.
error-two-factor-already-on = El acceso en dos pasos ya está activado. Un administrador puede restablecerlo si perdió su teléfono.
error-two-factor-not-started = Primero empiece a configurar el acceso en dos pasos.
error-two-factor-none = Este usuario no usa el acceso en dos pasos.
admin-title-two-factor = Acceso en dos pasos
admin-two-factor-must-enrol = Su rol exige el acceso en dos pasos. Configúrelo ahora para usar la administración.
admin-two-factor-required = Su rol exige el acceso en dos pasos.
admin-recovery-codes = Códigos de recuperación
admin-recovery-codes-once = Anote estos códigos ahora: solo se muestran una vez.
admin-recovery-codes-hint = Cada código le permite entrar una vez en lugar de un código del teléfono, si lo pierde.
admin-two-factor-continue = Continuar a la administración
admin-two-factor-status = Estado
admin-two-factor-on = El acceso en dos pasos está activado.
admin-two-factor-on-since = El acceso en dos pasos está activado desde el { $since }.
admin-recovery-left = { $count ->
    [one] Queda { $count } código de recuperación.
   *[other] Quedan { $count } códigos de recuperación.
}
admin-two-factor-lost = ¿Perdió el teléfono y los códigos de recuperación? Pida a un administrador que restablezca su acceso en dos pasos.
admin-two-factor-scan = Escanee este código con su aplicación de autenticación
admin-two-factor-scan-hint = Use cualquier aplicación de códigos temporales (TOTP) e introduzca el código que muestra para activar el acceso en dos pasos.
admin-two-factor-qr-label = Código QR para su aplicación de autenticación
admin-two-factor-manual = ¿No puede escanearlo? Escriba este secreto en la aplicación:
admin-two-factor-confirm = Activar
admin-two-factor-new-secret = Empezar de nuevo con otro secreto
admin-two-factor-off = El acceso en dos pasos está desactivado.
admin-two-factor-explain = Con el acceso en dos pasos, una contraseña robada no basta: también introduce un código de su teléfono.
admin-two-factor-start = Configurar el acceso en dos pasos
admin-two-factor-manage = Ajustes del acceso en dos pasos
admin-col-two-factor = Dos pasos
admin-two-factor-yes = Activado
admin-two-factor-no = Desactivado
admin-two-factor-reset = Restablecer el acceso en dos pasos de { $email }
admin-two-factor-roles = Acceso en dos pasos obligatorio
admin-two-factor-roles-hint = Roles que deben usar el acceso en dos pasos (quienes no lo tengan lo configuran en su próximo acceso)
notice-two-factor-on = El acceso en dos pasos está activado.
notice-recovery-used = Entró con un código de recuperación. No puede volver a usarse.
notice-two-factor-roles = Se guardaron los roles que deben usar el acceso en dos pasos.
notice-two-factor-reset = Se restableció el acceso en dos pasos y se cerraron las sesiones del usuario. Lo configurará en su próximo acceso.

# Language names as a sentence in this language writes them ("la version en anglais").
language-name-en = inglés
language-name-fr = francés
language-name-es = español
language-name-de = alemán
language-name-ar = árabe
language-name-pt = portugués
language-name-it = italiano
language-name-ru = ruso
language-name-zh = chino

# One user's account: role, sites, removal, password links.
admin-title-person = Usuario { $email }
admin-back-to-users = ← Todos los usuarios
admin-password-link-heading = Enlace de contraseña de un solo uso
admin-password-link-hint = Entregue este enlace a la persona por un canal de confianza. Sirve una sola vez, durante { $hours } horas, y no se volverá a mostrar. Su contraseña actual sigue valiendo hasta que lo use.
admin-password-link-label = Enlace
admin-password-link-button = Crear un enlace de contraseña
admin-person-profile = Nombre, función y sitios
admin-person-access = Acceso
admin-person-remove = Eliminar este usuario
admin-person-remove-hint = Eliminarlo pone fin para siempre a sus sesiones y tokens de API. Lo que escribió se queda; el registro de auditoría guarda su correo. Para cortar el acceso por un tiempo, desactívelo.
admin-person-remove-confirm = Quiero eliminar a { $email } definitivamente
admin-person-remove-button = Eliminar usuario
admin-password-reset-heading = Elija una nueva contraseña
admin-password-reset-for = Para { $email }. Todas las sesiones y tokens de API de esta cuenta terminan al guardar.
admin-password-reset-button = Guardar la nueva contraseña
error-last-admin = Siempre debe quedar al menos un administrador activo: nombre antes a otra persona administradora.
error-user-no-site = Elija al menos un sitio: salvo los administradores, todos trabajan dentro de sitios.
error-remove-self = No puede eliminar su propia cuenta.
error-remove-confirm = Marque la casilla para confirmar la eliminación.
error-reset-disabled = Este usuario está desactivado: actívelo antes de crear un enlace de contraseña.
error-reset-link = Este enlace no funciona: ya se usó, caducó o lo sustituyó uno más reciente. Pida uno nuevo a un administrador.
notice-user-saved = Se guardó el usuario. Una nueva función se aplica desde su próximo clic.
notice-user-removed = Se eliminó el usuario.
notice-password-link = Se creó un enlace de contraseña. Cópielo ahora: solo se muestra una vez.
notice-password-reset = Su nueva contraseña está guardada. Inicie sesión con ella.

# Back-office error pages.
admin-error-back-hint = El botón Atrás del navegador vuelve al formulario con lo que había escrito.
admin-error-documents-link = Ir a los documentos

# Themes, partners and media contacts in the back office.
admin-nav-taxonomy = Taxonomías
admin-title-taxonomy = Temas, socios y contactos
admin-taxonomy-hint = Cada entrada sirve a todos los sitios, o solo al sitio elegido al añadirla: solo los documentos de ese sitio pueden usarla. El nombre en un idioma aparece en las páginas de ese idioma; un idioma vacío muestra el nombre por defecto.
admin-taxonomy-themes = Temas
admin-taxonomy-partners = Socios
admin-taxonomy-contacts = Contactos de prensa
admin-col-translated = Traducido a
admin-col-slug = Clave de dirección
admin-col-key = Clave
field-description = Descripción
field-acronym = Sigla
field-office = Oficina
field-phone = Teléfono
admin-title-theme = Tema: { $name }
admin-title-partner = Socio: { $name }
admin-title-programme = Programa: { $name }
admin-title-contact = Contacto de prensa: { $name }
admin-back-to-taxonomy = ← Temas, socios y contactos
admin-taxonomy-default = Por defecto (cualquier idioma sin nombre propio)
admin-taxonomy-empty-hint = Deje un idioma vacío para mostrar allí el nombre por defecto.
error-taxonomy-name = Dele un nombre.
error-taxonomy-long = Un nombre tiene como máximo 200 caracteres, una sigla 30, una descripción 500 y un teléfono 50.
error-taxonomy-site = Elija un sitio de la lista.
error-programme-unknown-programme = Elija un programa de la lista.
error-contact-phone = Escriba el teléfono solo con dígitos, espacios y + - ( ), por ejemplo +503 2521 0500.
notice-taxonomy-saved = Guardado. Las páginas muestran enseguida los nuevos nombres.

# Paste or upload a release: the tagger's proposals in the editor.
admin-title-paste = Pegar o subir un comunicado
admin-paste-link = Pegar o subir un comunicado
admin-paste-hint = Pegue un comunicado escrito en otro lugar o elija su archivo. Portico lo lee y abre un nuevo borrador con el lugar y la fecha, los países, los socios, los contactos de prensa y los temas que encontró ya rellenados, cada uno con las palabras de las que procede. No se guarda nada hasta que guarde el borrador.
admin-paste-text = El texto del comunicado
admin-paste-file = O su archivo: .docx, .html, .md o .txt, hasta { $mb } MB
admin-paste-button = Leerlo
error-paste-empty = Pegue el texto del comunicado o elija su archivo.
error-paste-unreadable = No se pudo leer el comunicado: { $reason }
notice-proposals = Leído. Revise cada propuesta abajo, corrija el formulario y guarde el borrador: todavía no se ha guardado nada.
admin-proposals-heading = Lo que Portico encontró
admin-proposals-hint = Las filas «en el formulario» se rellenaron; las filas en gris no (un socio o contacto que no está en sus listas, un país nombrado solo por sus habitantes, la fecha impresa). Acepte o descarte cada una, o edite el propio formulario: nada se guarda hasta que usted guarde.
admin-col-field = Campo
admin-col-proposed = Propuesto
admin-col-evidence = Según las palabras
proposal-demonym-only = nombrado solo por sus habitantes
proposal-not-listed = no está en sus listas
admin-new-in-language = Este borrador está escrito en { $language }, el idioma del comunicado.

# Adding themes, partners and media contacts.
admin-taxonomy-add-theme = Añadir un tema
admin-taxonomy-add-partner = Añadir un socio
admin-taxonomy-add-contact = Añadir un contacto de prensa
admin-taxonomy-add-programme = Añadir un programa
admin-taxonomy-every-site = Todos los sitios
admin-taxonomy-owner = Sitio
admin-taxonomy-programmes = Programas
admin-taxonomy-add-button = Añadir
admin-taxonomy-key-hint = La clave forma parte de las direcciones y no puede cambiar después; si se deja vacía, se crea a partir del nombre.
error-taxonomy-key-taken = La clave «{ $key }» ya está en uso: elija otra.
notice-taxonomy-added = Añadido. Indique aquí sus nombres en otros idiomas.

# The overview: charts of what was published.
admin-nav-overview = Resumen
admin-title-overview = Resumen
admin-overview-show = Mostrar
admin-overview-chart-title = Comunicados de { $site } publicados por mes e idioma
admin-overview-per-month = Publicados por mes: { $site }
admin-overview-numbers = Las cifras
admin-overview-coverage = Cobertura de las traducciones
admin-overview-coverage-hint = Comunicados publicados en cada idioma, frente al primer idioma del sitio.
admin-overview-releases = Comunicados
admin-overview-share = Proporción
admin-overview-ahead = Programados
admin-overview-nothing-ahead = No hay nada programado en sus sitios.

# The map on Where we work.
map-title = Mapa de los países donde trabajamos
map-description = Los países con oficina aparecen más oscuros; los que cubren nuestras noticias, más claros. Todos los países figuran abajo, por región.
map-legend-office = Oficina
map-legend-covered = En nuestras noticias
map-legend-disputed = Estatus en disputa (discontinuo)
map-disclaimer = Los límites y los nombres que figuran en este mapa, así como las denominaciones empleadas, no implican su reconocimiento o aceptación oficial por parte de la organización.
# Document list
admin-list-search = Buscar
admin-list-search-hint = Palabras del título, el resumen o el texto de cualquier versión, borradores incluidos.
admin-list-all-sites = Todos mis sitios
admin-list-author = Creado por
admin-list-editor = Modificado por última vez por
admin-list-anyone = Cualquiera
admin-list-country = País
admin-list-any-country = Cualquier país
admin-list-dates = Fechas
admin-list-date-field = Qué fecha
admin-list-dates-updated = Último guardado
admin-list-dates-published = Publicación
admin-list-from = Desde
admin-list-to = Hasta
admin-list-sort = Ordenar por
admin-list-sort-updated = Último guardado
admin-list-sort-published = Fecha de publicación
admin-list-sort-title = Título
admin-list-sort-relevance = Mejor coincidencia
admin-list-direction = Orden
admin-list-descending = Más reciente o Z primero
admin-list-ascending = Más antiguo o A primero
admin-list-clear = Quitar los filtros
admin-list-total = { $count ->
    [one] Un documento
   *[other] { $count } documentos
}
admin-list-total-more = Más de { $count } documentos
admin-list-cut-short = Esta página solo recorrió una parte de la lista ({ $count } documentos). Use «Siguiente» para seguir buscando o acote los filtros.
admin-list-pages = Páginas de la lista de documentos
admin-list-first = Primera página
admin-list-previous = Anterior
admin-list-next = Siguiente
admin-list-page = Página { $number }
admin-col-published = Publicado
admin-col-last-changed-by = Modificado por última vez por
admin-list-bad-site = «{ $value }» no es uno de sus sitios.
admin-list-bad-language = «{ $value }» no es el idioma de ningún sitio.
admin-list-bad-kind = «{ $value }» no es un tipo de documento. Use uno de estos: { $kinds }.
admin-list-bad-status = «{ $value }» no es un estado.
admin-list-bad-user = «{ $value }» no es un usuario.
admin-list-bad-date-field = «{ $value }» no es una fecha por la que filtrar. Use updated o published.
admin-list-bad-date = «{ $value }» no es una fecha. Use año-mes-día, por ejemplo 2025-03-31.
admin-list-bad-range = La fecha de inicio es posterior a la fecha de fin.
admin-list-bad-sort = «{ $value }» no es un orden. Use updated, published o title.
admin-list-bad-direction = «{ $value }» no es un sentido. Use asc o desc.
admin-list-bad-cursor = «{ $value }» no es una posición en esta lista. Vuelva a empezar desde la primera página.
admin-list-search-too-long = La búsqueda «{ $value }» es demasiado larga: 200 caracteres como máximo.
# Redirects and imports
admin-nav-redirects = Redirecciones
admin-title-redirects = Redirecciones
admin-redirects-intro = Una dirección antigua que ya no lleva a ninguna página envía a sus lectores, y a los buscadores, a la nueva de forma permanente. Las importaciones añaden las direcciones del sistema de origen; añada o quite otras aquí.
admin-col-old-address = Dirección antigua
admin-col-new-address = Lleva a
admin-col-since = Desde
admin-redirect-remove = Quitar
admin-redirect-none = No hay redirecciones en este sitio.
admin-redirect-add = Añadir una redirección
admin-redirect-add-button = Añadir la redirección
field-redirect-old = Dirección antigua
field-redirect-new = Dirección nueva
hint-redirect-new = Una ruta del mismo sitio, como /es/news/nueva-direccion, o una dirección completa https://.
error-redirect-old = Indique la dirección antigua como una ruta que empiece por /, sin espacios.
error-redirect-new = Indique la dirección nueva como una ruta que empiece por /, o como una dirección completa https://.
error-redirect-loop = Una dirección no puede redirigir a sí misma.
notice-redirect-added = Se guardó la redirección.
notice-redirect-removed = Se quitó la redirección.
# Pegar o subir un comunicado: aceptar o descartar cada propuesta.
admin-col-in-form = En el formulario
proposal-in-form = En el formulario
proposal-left-out = No está en el formulario
proposal-accept = Aceptar
proposal-dismiss = Descartar
proposal-date-on-publishing = la fija quien publica
field-body-image = Imagen del texto
proposal-image-stored = guardada en la mediateca y colocada en el texto
proposal-image-not-allowed = no se incorporó: no puede subir medios a este sitio
proposal-image-too-many = no se incorporó: como máximo se incorporan { $max } imágenes de un mismo archivo
proposal-image-missing = no se incorporó: el archivo no contiene esta imagen
proposal-image-refused = no se incorporó: { $reason }

# El editor visual del cuerpo de los documentos (barra de herramientas, diálogos, vista de código).
editor-toolbar = Formato
editor-heading-2 = Título
editor-heading-3 = Subtítulo
editor-bold = Negrita
editor-italic = Cursiva
editor-link = Enlace
editor-bullet-list = Lista con viñetas
editor-numbered-list = Lista numerada
editor-quote = Cita
editor-image = Imagen
editor-video = Video
editor-table = Tabla
editor-table-add-row = Añadir fila
editor-table-add-column = Añadir columna
editor-table-delete-row = Eliminar fila
editor-table-delete-column = Eliminar columna
editor-table-delete = Eliminar tabla
editor-undo = Deshacer
editor-redo = Rehacer
editor-source = Código Markdown
editor-source-only = Este texto usa Markdown (HTML o notas al pie) que el editor visual no puede mostrar sin cambiarlo, así que se abre como código.
editor-apply = Aplicar
editor-cancel = Cancelar
editor-link-address = Dirección web, correo (mailto:) o ruta de una página (/es/…)
editor-link-remove = Quitar el enlace
editor-image-address = Dirección de la imagen (de Medios)
editor-image-alt = Texto alternativo: lo que muestra la imagen, para quien no puede verla
editor-image-caption = Pie de foto y crédito
editor-video-address = Dirección del video (YouTube o Vimeo)
editor-video-title = Título
editor-video-thumbnail = Dirección de la miniatura (opcional)
editor-video-unsupported = Solo las direcciones de videos de YouTube y Vimeo crean una tarjeta de video.
editor-video-thumbnail-invalid = Indique la miniatura con una dirección web (https://…) o una ruta de este sitio (/media/…).
editor-video-thumbnail-grid = Elegir la miniatura del vídeo


# Guardado automático del texto no guardado del editor.
autosave-kept = Cambios sin guardar conservados a las { $time }.
editor-autosave-failed = No se pudieron conservar en el servidor sus últimos cambios. Guarde el documento para no perderlos.
autosave-offer = Tiene cambios sin guardar del { $time }.
autosave-restore = Recuperarlos
autosave-discard = Descartarlos
error-autosave-target = Indique el documento (su número e idioma) o el tipo de documento nuevo al que pertenece el texto.
error-autosave-title-too-long = El título puede tener como máximo { $max } caracteres.
error-autosave-body-too-large = El cuerpo puede ocupar como máximo { $max } KB.

# El selector de países del editor.
editor-country-search = Escriba el nombre de un país
editor-country-remove = Quitar { $name }
editor-country-hint = Escriba parte del nombre de un país o de una región y elíjalo con las flechas e Intro. Una región añade todos sus países.

# Los selectores del editor: regiones, socios, contactos de prensa e imagen principal.
hint-partners = Escriba parte del nombre o de la sigla de un socio y elíjalo con las flechas e Intro.
hint-contacts = Escriba parte del nombre, la oficina o el correo de un contacto y elíjalo con las flechas e Intro.
field-add-by-key = Añadir por clave, como las muestra la página Taxonomías, separadas por comas
editor-region-detail = región, { $count } países
editor-region-added = Se añadieron los países de { $name }.
editor-partner-search = Escriba el nombre o la sigla de un socio
editor-contact-search = Escriba el nombre o la oficina de un contacto
editor-pick-remove = Quitar { $name }
editor-pick-none = No se encontró nada.
editor-pick-failed = La búsqueda no respondió. Compruebe su conexión y vuelva a escribir.
editor-image-choose = Elegir una imagen…
editor-image-change = Elegir otra imagen…
editor-image-remove = Quitar la imagen principal
editor-image-upload = Subir una imagen…
editor-image-drop = o suelte un archivo de imagen sobre el editor.
editor-image-search = Buscar imágenes por sus palabras o su nombre de archivo
editor-image-grid = Elegir la imagen principal
editor-image-more = Más imágenes
editor-image-none = No se encontró ninguna imagen.
editor-image-count = Imágenes mostradas: { $count }
editor-image-uploading = Subiendo { $name }…
editor-image-uploaded = { $name } se subió y es la imagen principal.
editor-image-alt-title = Describa la imagen
editor-image-alt-saved = Su texto alternativo está guardado.
editor-image-failed = La subida no terminó. Compruebe su conexión e inténtelo de nuevo.
editor-image-wrong-type = { $name } no es una imagen. Suelte un archivo JPEG, PNG o WebP.
editor-cover-remove = Quitar la portada
editor-cover-grid = Elegir la portada
editor-cover-uploaded = { $name } se ha subido y es la portada.
editor-pdf-choose = Elegir un PDF…
editor-pdf-change = Elegir otro PDF…
editor-pdf-remove = Quitar el PDF
editor-pdf-upload = Subir un PDF…
editor-pdf-drop = o suelte un PDF sobre el editor.
editor-pdf-search = Buscar PDF por nombre de archivo
editor-pdf-grid = Elegir el PDF de esta versión
editor-pdf-more = Más PDF
editor-pdf-none = No se encontró ningún PDF.
editor-pdf-count = PDF mostrados: { $count }
editor-pdf-uploaded = { $name } se ha subido y es el PDF de esta versión.
editor-pdf-wrong-type = { $name } no es un PDF.
error-pick-too-long = Busque como máximo { $max } caracteres.
error-pick-page = Esta página de imágenes no existe. Vuelva a empezar por la primera página.

# La Agenda 2030: los Objetivos de Desarrollo Sostenible.
release-goals = Objetivos de Desarrollo Sostenible
sdg-goal = Objetivo { $number }: { $name }
sdg-targets = Metas { $targets }
sdg-page-count = { $count ->
    [one] { $count } página
   *[other] { $count } páginas
}
sdg-agenda = Agenda 2030
sdg-agenda-summary = Los Objetivos de Desarrollo Sostenible y lo que publicamos sobre cada uno.
sdg-goals-heading = Los 17 Objetivos de Desarrollo Sostenible
sdg-nothing-yet = Aún no hay publicaciones
sdg-kicker = Objetivo de Desarrollo Sostenible
sdg-goal-description = Nuestros comunicados de prensa, páginas y publicaciones sobre el { $goal }.
sdg-pages-heading = Páginas
sdg-publications-heading = Publicaciones
sdg-all-publications = Las { $count } publicaciones sobre este objetivo
sdg-releases-heading = Comunicados de prensa
sdg-no-releases = Aún no hay comunicados de prensa sobre este objetivo.
sdg-other-goals = Otros objetivos
field-goals = Objetivos de Desarrollo Sostenible
field-targets = Metas
hint-targets = Números de meta separados por comas, como 10.7, 10.c. Una meta cuenta también para su objetivo.
error-goals-unknown-goal = Use objetivos del 1 al 17 y metas como 10.7 o 10.c.
error-goals-too-many = Como máximo 40 objetivos y metas.
filter-goal = Objetivo
bad-goal = «{ $value }» no es un Objetivo de Desarrollo Sostenible. Los objetivos van del 1 al 17.
bad-goal-combined = Los comunicados de un objetivo no se pueden filtrar además por país o tema; elija uno de los dos.

## Vacancies
nav-vacancies = Vacantes
admin-kind-vacancies = Vacantes
vacancies-heading = Vacantes
vacancies-description = Puestos abiertos: dónde están, de qué categoría y hasta cuándo se puede postular.
vacancies-total-none = No hay ninguna vacante abierta en este momento.
vacancy-count = { $count ->
    [one] Una vacante abierta
   *[other] { $count } vacantes abiertas
}
vacancies-filter-label = Filtrar vacantes
vacancies-none = Ninguna vacante abierta coincide con estos filtros.
vacancies-feed = Seguir las nuevas vacantes (canal Atom)
vacancies-feed-subtitle = Vacantes abiertas de { $site }
vacancy-kicker = Vacante
vacancy-about = Sobre el puesto
vacancy-reference = Referencia
vacancy-duty-station = Lugar de destino
vacancy-duty-country = País de destino
vacancy-grade = Categoría
vacancy-all-grades = Todas las categorías
vacancy-contract = Contrato
vacancy-all-contracts = Todos los contratos
vacancy-duration = Duración
vacancy-unit = Oficina o división
vacancy-eligibility = Quién puede postular
vacancy-eligibility-external = Abierta a todas las personas
vacancy-eligibility-internal = Solo personal en funciones
vacancy-opens = Apertura de candidaturas
vacancy-closes = Cierre de candidaturas
vacancy-closes-on = Cierra el { $date }
vacancy-closing = Cierre
vacancy-closing-soon = Cierra en menos de una semana
vacancy-posted = Publicada
vacancy-apply = Postular
vacancy-status-open = Abierta a candidaturas
vacancy-status-closing-soon = Abierta a candidaturas, cierra en menos de una semana
vacancy-status-not-yet-open = Las candidaturas se abren el { $date }.
vacancy-status-closed = Esta vacante está cerrada: las candidaturas cerraron el { $date }.
vacancy-gone = Esta vacante cerró el { $date } y ya no se publica.
vacancy-contract-fixed-term = Nombramiento de plazo fijo
vacancy-contract-temporary = Nombramiento temporal
vacancy-contract-consultancy = Consultoría
vacancy-contract-internship = Pasantía
vacancy-grade-consultant = Consultor/a
vacancy-grade-intern = Pasante
vacancy-grade-ug = Sin categoría
bad-grade = «{ $value }» no es una categoría. Use, por ejemplo, P-3, G-5, NO-B, consultant o intern.
bad-contract = «{ $value }» no es un tipo de contrato. Use fixed_term, temporary, consultancy o internship.
bad-closing = «{ $value }» no es un filtro de cierre. Use closing=soon para las vacantes que cierran en menos de una semana.
error-gone-heading = Esta página ya no existe
admin-new-vacancy = Nueva vacante
admin-title-new-vacancy = Nueva vacante
error-slug-taken-vacancy = Otra vacante en este idioma ya usa este slug.
hint-slug-vacancy = El final de la dirección, como en /es/vacancies/slug. Si se deja vacío, se forma a partir del título.
field-choose = Elegir…
field-vacancy = El puesto
field-vacancy-duty-city = Lugar de destino (ciudad)
field-vacancy-offset = Huso horario
field-vacancy-apply-to = Dónde postular
hint-vacancy-closes-at = En el huso horario del lugar de destino: la vacante sale del sitio en ese minuto.
hint-vacancy-apply-to = La dirección https:// del formulario de candidatura, o una dirección de correo electrónico.
error-vacancy-time = Indique una fecha y hora como 2026-12-15T23:59.
error-vacancy-offset = Elija un huso horario de la lista.
error-vacancy-duty-country-unknown-country = Elija el país de destino de la lista.
error-vacancy-grade-unknown-grade = Elija una categoría de la lista.
error-vacancy-closes-at-before-opening = El cierre debe ser posterior a la apertura de candidaturas.
error-vacancy-closes-at-too-long-open = Una vacante permanece abierta un año como máximo; revise el año de cierre.
error-vacancy-closes-at-mixed-time-zones = Indique la apertura y el cierre en el mismo huso horario.
error-vacancy-apply-to-invalid-address = Indique una dirección https:// o una dirección de correo electrónico.

## News by email
nav-subscribe = Noticias por correo
subscribe-title = Noticias por correo electrónico
subscribe-intro = Reciba los comunicados de prensa de este sitio en su bandeja de entrada, en cuanto se publican o en un resumen.
subscribe-email = Correo electrónico
subscribe-frequency = Frecuencia
subscribe-frequency-immediate = En cuanto se publica un comunicado
subscribe-frequency-daily = Un resumen diario
subscribe-frequency-weekly = Un resumen semanal
subscribe-narrow = Solo algunos comunicados (opcional)
subscribe-countries = Países
subscribe-themes = Temas
subscribe-languages = Idiomas
subscribe-privacy = Usamos su dirección solo para enviarle estas noticias, y cada correo permite darse de baja con un clic.
subscribe-submit = Suscribirse
subscribe-unavailable = Las suscripciones por correo no están disponibles en este sitio por el momento.
subscribe-sent = Gracias. Si { $email } puede recibir nuestros correos, le llegará un mensaje con un enlace de confirmación. Su suscripción empieza cuando la confirme.
subscribe-confirm-title = Confirme su suscripción
subscribe-confirm-button = Confirmar mi suscripción
subscribe-confirmed-title = Está suscrito
subscribe-confirmed = Su suscripción está confirmada. Cada correo que le enviemos tiene un enlace para darse de baja.
subscribe-link-invalid = Este enlace no es válido o ha caducado. Suscríbase de nuevo para recibir otro.
subscribe-bad-email = «{ $value }» no es una dirección de correo electrónico.
subscribe-bad-language = «{ $value }» no es un idioma de este sitio.
subscribe-bad-frequency = «{ $value }» no es una frecuencia: elija inmediata, diaria o semanal.
unsubscribe-title = Darse de baja
unsubscribe-intro = Dejar de recibir las noticias de este sitio por correo.
unsubscribe-button = Darme de baja
unsubscribe-done = Se ha dado de baja: no le enviaremos más noticias por correo.
email-confirm-subject = Confirme su suscripción a { $site }
email-confirm-intro = Alguien, probablemente usted, pidió recibir las noticias de { $site } en esta dirección. Confirme con el botón de abajo.
email-confirm-button = Confirmar mi suscripción
email-confirm-ignore = Si no lo pidió, ignore este correo: no se le enviará nada.
email-news-subject = { $site }: { $count } comunicados nuevos
email-news-heading = Noticias de { $site }
email-news-read = Leer el comunicado
email-news-why = Recibe este correo porque se suscribió a las noticias de { $site }.
email-unsubscribe = Darse de baja
admin-nav-subscribers = Suscriptores
admin-title-subscribers = Suscriptores a las noticias por correo
admin-subscribers-intro = Lectores que confirmaron una suscripción a las noticias de un sitio. Expórtelos, o elimine a quien lo pida.
admin-subscribers-show = Mostrar
admin-subscribers-count = { $count } suscriptores
admin-subscribers-export = Exportar como CSV
admin-subscribers-filters = Solo
admin-subscribers-confirmed = Confirmado
admin-subscribers-delete = Eliminar
admin-subscribers-more = Siguientes suscriptores
admin-subscribers-none = Aún no hay suscriptores.
notice-subscriber-deleted = El suscriptor fue eliminado.

# Publications
nav-publications = Publicaciones
publications-heading = Publicaciones
publications-description = Informes, estudios y documentos de investigación, para descargar en cada idioma en que se publicaron.
publications-total-none = Todavía no hay publicaciones.
publication-count = { $count ->
    [one] Una publicación
   *[other] { $count } publicaciones
}
publications-filter-label = Filtrar las publicaciones
publications-none = Ninguna publicación coincide con estos filtros.
publication-kicker = Publicación
publication-language = Idioma
publication-year = Año
publication-authors = Autores u oficina responsable
publication-form = Tipo
publication-form-report = Informe
publication-form-book = Libro
publication-form-paper = Documento de investigación
publication-isbn = ISBN
publication-issn = ISSN
publication-series = Serie
publication-cover = Imagen de portada
publication-file = PDF de esta versión lingüística
publication-pages = { $count ->
    [one] una página
   *[other] { $count } páginas
}
publication-downloads = Descargar
publication-no-download = Todavía no se ha publicado ningún archivo de esta publicación.
publication-cite = Citar esta publicación
publication-copy-apa = Copiar la cita APA
publication-copy-bibtex = Copiar la entrada BibTeX
publication-copied = Copiado
publication-about = Acerca de esta publicación
bad-series = «{ $value }» no es el nombre de una serie.
admin-kind-publications = Publicaciones
admin-new-publication = Nueva publicación
admin-title-new-publication = Nueva publicación
error-slug-taken-publication = Otra publicación en este idioma ya usa este slug.
error-publication-file = Indique el número de un PDF de la mediateca de este sitio.
error-publication-year = Indique el año con cuatro cifras, por ejemplo 2026.
error-publication-year-out-of-range = Indique un año entre 1950 y el próximo año.
error-publication-isbn-invalid-isbn = Este ISBN no es válido: revise sus cifras (10 o 13, la última es de control).
error-publication-issn-invalid-issn = Este ISSN no es válido: ocho caracteres como 2049-3630, el último de control.
field-publication = Datos de la publicación
hint-publication-facts = Estos datos valen para todas las versiones lingüísticas; solo los editores del original los cambian.
hint-publication-authors = Nombres de personas separados por punto y coma (Doe, Jane; Roe, Ann), o la oficina que la publicó.
hint-publication-cover = La portada como imagen, que se muestra en la biblioteca y en la página de la publicación; elíjala o súbala aquí (sin el selector, indique el número de una imagen).
hint-publication-file = El PDF que los lectores descargan en este idioma; elíjalo o súbalo aquí. Se cuentan sus páginas y se indexa su texto (sin el selector, indique el número de un PDF).
