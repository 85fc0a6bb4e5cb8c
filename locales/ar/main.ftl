# نصوص واجهة بورتيكو باللغة العربية.

## التواريخ
date-long = { $day } { $month } { $year }
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر

## الإطار
skip-to-content = انتقل إلى المحتوى الرئيسي
nav-main = القائمة الرئيسية
nav-footer = تذييل الصفحة
nav-breadcrumb = مسار التنقل
breadcrumb-home = الرئيسية
nav-news = الأخبار
footer-un = جزء من منظومة الأمم المتحدة.
language-switcher = اللغات
language-current = { $language } (اللغة الحالية)

## القوائم والبيانات الصحفية
release-count = { $count ->
    [zero] لا توجد بيانات صحفية
    [one] بيان صحفي واحد
    [two] بيانان صحفيان
    [few] { $count } بيانات صحفية
    [many] { $count } بيانًا صحفيًا
   *[other] { $count } بيان صحفي
}
from-global-site = من الموقع العالمي
translation-missing = هذه الصفحة غير متاحة باللغة { $language }. إليك النسخة باللغة { $original }.

# عدد منفرد، مكتوب كما تكتب لغة الصفحة الأعداد.
number = { $n }

## الصفحة الرئيسية والصفحات والقوائم
home-latest-news = آخر الأخبار
home-all-releases = جميع البيانات الصحفية
home-explore = استكشف
page-in-this-section = في هذا القسم
release-countries-label = البلدان
pagination-label = التنقل بين الصفحات
pagination-previous = السابق
pagination-previous-label = الصفحة السابقة
pagination-next = التالي
pagination-next-label = الصفحة التالية
pagination-page = الصفحة
title-page = { $title } – الصفحة { $page }

## قائمة الأخبار وعوامل التصفية
news-heading = الأخبار والبيانات الصحفية
news-about = أخبار عن { $country }
news-description = البيانات الصحفية للمنظمة، من الأحدث إلى الأقدم.
news-total-none = لم يُعثر على أي بيان صحفي.
news-total-paged = { $releases } · الصفحة { $page } من { $pages }
news-none = لا توجد بيانات صحفية تطابق عوامل التصفية هذه.
news-filter-label = تصفية البيانات الصحفية
filter-country = البلد
filter-all-countries = جميع البلدان
filter-theme = الموضوع
filter-all-themes = جميع المواضيع
filter-year = السنة
filter-all-years = جميع السنوات
filter-apply = تطبيق عوامل التصفية
filter-active = عوامل التصفية المطبّقة
filter-remove = إزالة
filter-remove-label = إزالة عامل التصفية { $label }: { $value }
filter-clear = مسح جميع عوامل التصفية
feed-label = الأخبار: { $filters }
feed-subtitle = البيانات الصحفية لـ{ $site }، من الأحدث إلى الأقدم.
site-description = أخبار { $site } وبياناتها الصحفية وقصصها.

## عناوين قوائم غير صحيحة
bad-query = تعذّرت قراءة معلمات العنوان.
bad-country = «{ $value }» ليس رمز بلد. استخدم رمزًا من حرفين وفق المعيار ISO 3166-1، مثل sv للسلفادور.
bad-theme = «{ $value }» ليس من مواضيعنا.
bad-year = «{ $value }» ليس سنة. استخدم أربعة أرقام، مثل 2015.
bad-page = «{ $value }» ليس رقم صفحة. تبدأ أرقام الصفحات من ١.

## بيان صحفي
release-kicker = بيان صحفي
release-about = عن هذا البيان
release-media-contacts = { $count ->
    [zero] جهات الاتصال الإعلامي
    [one] جهة الاتصال الإعلامي
    [two] جهتا الاتصال الإعلامي
    [few] جهات الاتصال الإعلامي
    [many] جهات الاتصال الإعلامي
   *[other] جهات الاتصال الإعلامي
}
contact-phone = الهاتف:
contact-email = البريد الإلكتروني:
release-countries = البلدان
release-themes = المواضيع
release-partners = الشركاء
release-programme = البرنامج
related-releases = بيانات صحفية ذات صلة

## أين نعمل
nav-where-we-work = أين نعمل
regions-label = المناطق
region-other = أقاليم أخرى
subregion-other = خارج مناطق الأمم المتحدة
country-description = عملنا وأخبارنا في { $country }.
country-releases = البيانات الصحفية
country-all-releases = { $count ->
    [zero] لا توجد بيانات صحفية عن { $country }
    [one] البيان الصحفي الوحيد عن { $country }
    [two] البيانان الصحفيان عن { $country }
    [few] جميع البيانات الصحفية عن { $country } وعددها { $count }
    [many] جميع البيانات الصحفية عن { $country } وعددها { $count }
   *[other] جميع البيانات الصحفية عن { $country } وعددها { $count }
}
country-no-releases = لا توجد بعدُ بيانات صحفية عن { $country }.

## أخبار من مصادر أخرى
elsewhere-heading = أخبار من مصادر أخرى
elsewhere-description = أخبار من الشركاء ومن مواقع أخرى نتابعها، من الأحدث إلى الأقدم.
elsewhere-intro = أخبار من الشركاء ومن مواقع أخرى نتابعها. كل خبر ملك لمصدره؛ اتبع رابطه لقراءته هناك.
elsewhere-newer = الأحدث
elsewhere-newer-label = الأخبار الأحدث
elsewhere-older = الأقدم
elsewhere-older-label = الأخبار الأقدم
elsewhere-none = لا شيء من مصادر أخرى حتى الآن.
elsewhere-own-releases = بياناتنا الصحفية

## صفحات الخطأ
error-kicker = خطأ { $status }
error-home-link = الانتقال إلى الصفحة الرئيسية
error-news-link = قراءة أحدث البيانات الصحفية
error-not-found-heading = الصفحة غير موجودة
error-not-found-message = تعذّر العثور على الصفحة المطلوبة. ربما نُقلت، أو ربما يحتوي العنوان على خطأ.
error-bad-request-heading = تعذّر فهم هذا الطلب
error-bad-request-message = يُرجى التحقق من العنوان والمحاولة مرة أخرى.
error-forbidden-heading = غير مسموح
error-forbidden-message = لا يسمح لك دورك بهذا الإجراء هنا. اطلب ذلك من أحد المديرين إن كنت تحتاج إليه.
error-csrf-message = انتهت صلاحية هذا النموذج أو أُرسل من موقع آخر. ارجع إلى الصفحة السابقة وأعد تحميلها ثم حاول مرة أخرى.
error-too-many-heading = يُرجى الانتظار
error-too-many-message = { $seconds ->
    [zero] محاولات فاشلة كثيرة جدًا. حاول مرة أخرى الآن.
    [one] محاولات فاشلة كثيرة جدًا. حاول مرة أخرى بعد ثانية واحدة.
    [two] محاولات فاشلة كثيرة جدًا. حاول مرة أخرى بعد ثانيتين.
    [few] محاولات فاشلة كثيرة جدًا. حاول مرة أخرى بعد { $seconds } ثوانٍ.
    [many] محاولات فاشلة كثيرة جدًا. حاول مرة أخرى بعد { $seconds } ثانية.
   *[other] محاولات فاشلة كثيرة جدًا. حاول مرة أخرى بعد { $seconds } ثانية.
}
error-too-large-heading = الحجم كبير جدًا
error-conflict-heading = تغيّر هذا في الأثناء
error-conflict-message = غيّر شخص آخر هذا، أو أن القيمة مستخدمة بالفعل. أعد تحميل الصفحة وحاول مرة أخرى.
error-unprocessable-heading = تعذّر تنفيذ هذا الطلب
error-unprocessable-message = يشير إلى شيء غير موجود. تحقّق من القيم وحاول مرة أخرى.
error-server-heading = حدث خطأ من جانبنا
error-server-message = تعذّر عرض الصفحة. يُرجى المحاولة مرة أخرى بعد قليل.

## لوحة الإدارة: الإطار والتنقل
admin-nav-label = لوحة الإدارة
admin-nav-documents = الوثائق
admin-nav-media = الوسائط
admin-nav-translations = الترجمات
admin-nav-menus = القوائم
admin-nav-sites = المواقع
admin-nav-users = المستخدمون
admin-nav-audit = سجل التدقيق
admin-nav-feeds = الخلاصات
admin-nav-account = الحساب
admin-sign-out = تسجيل الخروج
role-admin = مدير
role-editor = محرر
role-author = كاتب
role-translator = مترجم

## لوحة الإدارة: تسجيل الدخول
admin-sign-in = تسجيل الدخول
admin-sign-in-with = تسجيل الدخول عبر { $provider }
admin-sign-in-heading = تسجيل الدخول إلى بورتيكو
field-email = البريد الإلكتروني
field-password = كلمة المرور
error-login-empty = أدخل عنوان بريدك الإلكتروني وكلمة المرور.
error-login-wrong = لا يطابق هذا البريد الإلكتروني وكلمة المرور هذه أيَّ حساب.
error-login-sso-only = تسجيل الدخول بكلمة المرور معطّل هنا: سجّل الدخول بحساب مؤسستك.
error-sso-state = انتهت صلاحية عملية تسجيل الدخول هذه، أو استُخدمت من قبل، أو بدأت في متصفح آخر. يُرجى البدء من جديد.
error-sso-refused = لم يُسجّل { $provider } دخولك. حاول مرة أخرى أو راجع المسؤول.
error-sso-token = أرسل { $provider } تسجيل دخول لم يجتز فحوص بورتيكو. حاول مرة أخرى؛ وإن تكرر ذلك فأبلغ المسؤول.
error-sso-unreachable = تعذّر الوصول إلى { $provider } الآن. حاول مرة أخرى بعد بضع دقائق.
error-sso-no-role = حسابك لدى { $provider } ليس في أي مجموعة تمنح الوصول إلى بورتيكو. اطلب من المسؤول إضافتك إلى إحداها.
error-sso-disabled = حسابك في بورتيكو معطّل. اطلب من أحد المسؤولين تفعيله من جديد.
error-sso-email = لا يستطيع بورتيكو ربط حسابك لدى { $provider } بحساب في بورتيكو عبر بريده الإلكتروني. راجع المسؤول.

## لوحة الإدارة: إشعارات بعد إجراء
notice-saved = حُفظ.
notice-created = أُنشئ.
notice-submitted = أُرسل للمراجعة.
notice-published = نُشر.
notice-scheduled = جُدول نشره.
notice-unpublished = سُحب من الموقع العام.
notice-archived = أُرشف.
notice-returned = أُعيد إلى حالة المسودة.
notice-restored = استُعيدت المراجعة بوصفها مراجعة جديدة.
notice-uploaded = رُفع.
notice-password = غُيّرت كلمة المرور. سُجّل الخروج من الجلسات الأخرى.
notice-failed-logins = حاول شخص ما تسجيل الدخول إلى حسابك بكلمة مرور خاطئة منذ آخر تسجيل دخول لك. إن لم تكن أنت، فاختر أدناه كلمة مرور جديدة أقوى.
notice-revoked = أُلغي الرمز المميز.
notice-menu = حُفظت القائمة.
notice-user = أُنشئ المستخدم.
admin-col-access = الوصول
admin-user-active = نشط
admin-user-disabled = معطَّل
admin-disable-user = تعطيل
admin-enable-user = تفعيل
notice-user-disabled = عُطّل المستخدم: انتهت جلساته ورموز واجهة البرمجة الخاصة به.
notice-user-enabled = يمكن للمستخدم تسجيل الدخول مجددًا. تبقى رموز واجهة البرمجة القديمة الخاصة به ملغاة.
error-disable-self = لا يمكنك تعطيل حسابك.
notice-loggedout = سجّلت الخروج.
notice-language = تستخدم لوحة الإدارة الآن اللغة التي اخترتها.
notice-token-once = انسخ الرمز المميز الآن: لن يُعرض إلا مرة واحدة.

## لوحة الإدارة: كلمات مشتركة
admin-all = الكل
admin-filter = تصفية
admin-save = حفظ
admin-never = أبدًا
admin-col-title = العنوان
admin-col-kind = النوع
admin-col-site = الموقع
admin-col-language = اللغة
admin-col-status = الحالة
admin-col-name = الاسم
admin-col-email = البريد الإلكتروني
admin-col-role = الدور
admin-col-sites = المواقع
error-form-too-large = حجم النموذج أكبر من الحد المسموح به وهو { $mb } ميغابايت. اختصر النص وحاول مرة أخرى.
error-form-unreadable = تعذّرت قراءة النموذج: { $reason }
error-choose-site = اختر موقعًا.

## لوحة الإدارة: الوثائق
admin-new-release = بيان صحفي جديد
admin-new-page = صفحة جديدة
admin-filter-documents = تصفية الوثائق
admin-kind = النوع
admin-kind-releases = البيانات الصحفية
admin-kind-pages = الصفحات
admin-status = الحالة
admin-documents-caption = الوثائق، من الأحدث تعديلًا إلى الأقدم
admin-col-last-saved = آخر حفظ
admin-no-documents = لا توجد وثائق مطابقة.
kind-release = بيان صحفي
kind-page = صفحة
kind-vacancy = وظيفة شاغرة
kind-publication = منشور
status-draft = مسودة
status-in_review = قيد المراجعة
status-scheduled = مجدول
status-published = منشور
status-archived = مؤرشف
status-unknown = غير معروف

## لوحة الإدارة: المحرر
admin-title-edit = تحرير: { $title }
admin-revisions = المراجعات
admin-view-on-site = عرض على الموقع
admin-doc-revision = المراجعة { $number }
admin-doc-saved = حُفظ في { $time }
admin-doc-publication-time = موعد النشر { $time }
admin-errors-heading = { $count ->
    [zero] لم يُحفظ شيء.
    [one] لم يُحفظ شيء: يُرجى إصلاح مشكلة واحدة
    [two] لم يُحفظ شيء: يُرجى إصلاح مشكلتين
    [few] لم يُحفظ شيء: يُرجى إصلاح { $count } مشكلات
    [many] لم يُحفظ شيء: يُرجى إصلاح { $count } مشكلةً
   *[other] لم يُحفظ شيء: يُرجى إصلاح { $count } مشكلة
}
field-site = الموقع
field-title = العنوان
field-slug = معرّف الرابط
field-path = المسار
field-slug-or-path = معرّف الرابط أو المسار
hint-slug-release = نهاية العنوان، كما في /ar/news/المعرّف. إذا تُرك فارغًا، يُستخرج من العنوان.
hint-slug-page = العنوان بعد رمز اللغة، مثل our-work/partnerships.
field-dateline = المكان
hint-dateline = المكان الذي يصدر منه البيان، مثل سان سلفادور.
field-published-at = التاريخ والوقت (بالتوقيت العالمي)
hint-published-at = يظهر بوصفه تاريخ البيان. يُستخدم عند النشر الفوري إذا كان في الماضي.
field-publication-time = موعد النشر
field-summary = الملخص
hint-summary = جملة أو جملتان: الخبر باختصار، ويُستخدم في القوائم والخلاصات ونتائج البحث.
field-body = النص (Markdown)
field-body-short = النص
hint-body = ## للعناوين الفرعية، **غامق**، *مائل*، [روابط](https://…)، - للقوائم، > للاقتباسات.
field-countries = البلدان
hint-countries = رموز ISO من حرفين، تفصل بينها فواصل، مثل SV, GT, HN.
field-themes = المواضيع
field-partners = المنظمات الشريكة
field-partners-short = الشركاء
field-programme = البرنامج
field-programme-none = بلا برنامج
field-contacts = جهات الاتصال الإعلامي
field-contacts-short = جهات الاتصال
field-image = الصورة الرئيسية
admin-no-image = بلا صورة
admin-image-no-alt = { $file } (لا يوجد نص بديل بعد)
hint-image-link = ارفع الصور من صفحة الوسائط.
hint-image = تحتاج الصورة إلى نص بديل قبل أن يمكن نشر البيان.
admin-create-draft = إنشاء مسودة
admin-preview = معاينة
admin-preview-hint = اضغط «معاينة» لترى النص كما سيراه القرّاء.
admin-workflow = سير العمل
admin-publish-at = النشر في (بالتوقيت العالمي)
workflow-submit = إرسال للمراجعة
workflow-publish = النشر الآن
workflow-schedule = جدولة النشر
workflow-return = إعادة إلى المسودة
workflow-unpublish = إلغاء النشر
workflow-unschedule = إلغاء الجدولة
workflow-archive = أرشفة
workflow-restore-draft = إرجاع إلى المسودة
admin-conflict = حفظ شخص آخر هذه الوثيقة أثناء تحريرك لها (وهي الآن في المراجعة { $revision }). لم يُحفظ شيء. نصّك محفوظ أدناه: قارنه بنصّه في صفحة «المراجعات»، ثم احفظ مرة أخرى لتحلّ نسختك محل نسخته.
error-published-at = أدخل تاريخًا ووقتًا، مثل 2026-11-28T09:00.
error-image-site = اختر صورة من هذا الموقع.
error-image-list = اختر صورة من القائمة.
error-slug-taken-release = يستخدم بيان آخر بهذه اللغة معرّف الرابط هذا بالفعل.
error-slug-taken-page = لصفحة أخرى بهذه اللغة هذا المسار بالفعل.
error-not-in-list = «{ $value }» غير موجود في القائمة.
error-lost-revision = فقد النموذج رقم المراجعة؛ أعد تحميل الصفحة.
workflow-need-time = اختر تاريخ النشر ووقته (بالتوقيت العالمي).
workflow-time-passed = مضى موعد النشر المختار. اختر موعدًا في المستقبل، أو انشر الآن.
workflow-unknown = إجراء غير معروف في سير العمل.
workflow-refused = لا يمكن نقل وثيقة حالتها «{ $from }» إلى الحالة «{ $to }».
workflow-image-alt = ليس للصورة الرئيسية نص بديل. أضفه من صفحة الوسائط قبل النشر.
workflow-status-changed = غيّر شخص آخر حالة هذه الوثيقة للتو. أعد تحميل الصفحة وحاول مرة أخرى.
refusal-forbidden = لا يسمح دورك بذلك على هذا الموقع.
refusal-translation-is-live = هذه الترجمة منشورة أو مجدولة، فلا يمكن تغييرها دون مراجعة. اطلب من محرر إعادتها إلى مسودة، ثم عدّلها وأرسلها مرة أخرى.
error-too-large = { $max } كيلوبايت على الأكثر.
error-too-deep = يمكن أن تتداخل الاقتباسات والقوائم والعناصر الأخرى { $max } مستوى على الأكثر.
error-required = هذا الحقل مطلوب.
error-too-long = { $max ->
    [zero] لا يُسمح بأي حرف.
    [one] حرف واحد على الأكثر.
    [two] حرفان على الأكثر.
    [few] { $max } أحرف على الأكثر.
    [many] { $max } حرفًا على الأكثر.
   *[other] { $max } حرف على الأكثر.
}
error-control-characters = يحتوي على محارف تحكم.
error-invalid-slug = استخدم أحرفًا لاتينية صغيرة وأرقامًا وشرطات مفردة، بحد أقصى ٨٠ حرفًا.
error-invalid-path = استخدم كلمات بأحرف لاتينية صغيرة تصل بينها شرطات، مع / بين المستويات (our-work/partnerships).
error-unknown-country = «{ $code }» ليس رمز بلد وفق المعيار ISO 3166-1.

## لوحة الإدارة: المراجعات
admin-title-revisions = المراجعات: { $title }
admin-back-to-editor = العودة إلى المحرر
admin-revisions-caption = المراجعات، من الأحدث إلى الأقدم
admin-col-revision = المراجعة
admin-col-saved = تاريخ الحفظ
admin-col-by = بواسطة
admin-col-from = من
admin-col-to = إلى
admin-restore = استعادة
admin-current = الحالية
admin-author-import = استيراد
admin-compare-from = المقارنة ابتداءً من المراجعة { $number }
admin-compare-to = المقارنة حتى المراجعة { $number }
admin-restore-revision = استعادة المراجعة { $number }
admin-compare = مقارنة المراجعتين المحددتين
admin-title-diff = المراجعة { $from } ← { $to }
admin-diff-heading = التغييرات من المراجعة { $from } إلى المراجعة { $to }
admin-all-revisions = جميع المراجعات
admin-diff-removed = محذوف:
admin-diff-added = مضاف:
admin-diff-same = المراجعتان متطابقتان.
error-choose-revisions = اختر مراجعتين للمقارنة.
error-no-revision = لا توجد مراجعة برقم { $number }.
restore-stale = حفظ شخص ما هذه الوثيقة للتو. أعد تحميل الصفحة وحاول مرة أخرى.
restore-slug-taken = صار معرّف الرابط في تلك المراجعة مستخدمًا في وثيقة أخرى؛ استعدها يدويًا.

## لوحة الإدارة: الوسائط
admin-title-media = الوسائط
admin-upload = رفع
field-file = الملف
hint-file = صور JPEG أو PNG أو WebP، أو ملفات PDF؛ بحد أقصى { $mb } ميغابايت.
field-alt = النص البديل
field-media-public = عام من الآن
hint-media-public = وإلا فلن يراه إلا المستخدمون المسجلون حتى يستخدمه محتوى منشور.
hint-alt = ما تُظهره الصورة، لمن لا يستطيعون رؤيتها. مطلوب قبل نشر أي بيان يتضمن هذه الصورة.
field-caption = التعليق
field-credit = حقوق الصورة
admin-no-alt = لا يوجد نص بديل
admin-nothing-uploaded = لم يُرفع شيء بعد.
admin-size-mb = { $size } ميغابايت
admin-size-kb = { $size } كيلوبايت
admin-all-media = جميع الوسائط
admin-original-file = الملف الأصلي
admin-pixels = بكسل
admin-uploaded-at = رُفع في { $time }
error-media-text-too-long = { $max ->
    [zero] لا يُسمح بأي حرف في النص البديل والتعليق وحقوق الصورة.
    [one] يجب ألا يتجاوز النص البديل والتعليق وحقوق الصورة حرفًا واحدًا.
    [two] يجب ألا يتجاوز النص البديل والتعليق وحقوق الصورة حرفين.
    [few] يجب ألا يتجاوز النص البديل والتعليق وحقوق الصورة { $max } أحرف.
    [many] يجب ألا يتجاوز النص البديل والتعليق وحقوق الصورة { $max } حرفًا.
   *[other] يجب ألا يتجاوز النص البديل والتعليق وحقوق الصورة { $max } حرف.
}
error-upload-too-large = يجب ألا يتجاوز حجم الملف المرفوع { $mb } ميغابايت.
error-upload-unreadable = تعذّرت قراءة الملف المرفوع: { $reason }
media-empty = الملف فارغ.
media-too-large = حجم الملف { $size } ميغابايت؛ والحد الأقصى لحجم الملفات { $max } ميغابايت.
media-not-image = هذا الملف ليس صورة JPEG أو PNG أو WebP.
media-not-pdf = هذا الملف ليس وثيقة PDF.
media-corrupt = الملف تالف أو غير مكتمل ({ $detail }).
media-active-content = يحتوي ملف PDF هذا على { $what }، وهذا غير مقبول. احفظه من دونه (مثلًا بطباعته إلى ملف PDF جديد) ثم ارفعه من جديد.
media-too-many-pixels = أبعاد الصورة { $width } × { $height } بكسل؛ والحد الأقصى { $side } بكسل لكل ضلع و{ $megapixels } ميغابكسل إجمالًا.
media-encode-failed = تعذّر تحويل الصورة ({ $detail }).

## لوحة الإدارة: القوائم
admin-title-menu = قائمة { $site }
admin-sites-label = المواقع
admin-menu-hint = تظهر الصفوف بترتيب أرقامها. يوضع العنصر الفرعي تحت أقرب عنصر رئيسي فوقه. أفرغ التسمية لحذف صف؛ واملأ صفًا فارغًا لإضافة صف. تُكتب المسارات من دون رمز اللغة ({ $language })، هكذا:
admin-col-order = الترتيب
admin-col-label = التسمية
admin-col-path = المسار
admin-col-sub-item = عنصر فرعي
admin-row-order = ترتيب الصف { $row }
admin-row-label = تسمية الصف { $row }
admin-row-path = مسار الصف { $row }
admin-row-child = الصف { $row } عنصر فرعي
admin-save-menu = حفظ القائمة
error-menu-row = الصف { $row }: لا تتجاوز التسميات ١٠٠ حرف؛ والمسارات تُكتب مثل our-work/partnerships.
error-menu-first-child = لا يمكن أن يكون الصف الأول عنصرًا فرعيًا: لا يوجد شيء فوقه.

## لوحة الإدارة: سجل التدقيق
admin-title-audit = سجل التدقيق
admin-filter-audit = تصفية سجل التدقيق
admin-audit-user = المستخدم
admin-audit-action = الإجراء يبدأ بـ
admin-audit-site = مفتاح الموقع
admin-audit-since = من
admin-audit-until = إلى
admin-audit-caption = الإجراءات ذات الصلاحيات الخاصة، من الأحدث إلى الأقدم
admin-col-when = التوقيت
admin-col-who = المستخدم
admin-col-action = الإجراء
admin-col-on = على
admin-col-detail = التفاصيل
admin-col-client = من
admin-no-entries = لا توجد إدخالات مطابقة.
error-date-field = { $field }: أدخل تاريخًا، مثل 2026-11-28.

## لوحة الإدارة: حسابك
admin-title-account = حسابك
admin-you-are = أنت { $email }، { $role } في { $sites }.
admin-all-sites = جميع المواقع
admin-change-password = تغيير كلمة المرور
admin-password-at-provider = تُدار كلمة مرورك وعوامل تسجيل دخولك لدى { $provider }.
field-current-password = كلمة المرور الحالية
field-new-password = كلمة المرور الجديدة
hint-new-password = { $min ->
    [zero] سيُسجَّل الخروج من الجلسات الأخرى.
    [one] حرف واحد على الأقل. سيُسجَّل الخروج من الجلسات الأخرى.
    [two] حرفان على الأقل. سيُسجَّل الخروج من الجلسات الأخرى.
    [few] { $min } أحرف على الأقل. سيُسجَّل الخروج من الجلسات الأخرى.
    [many] { $min } حرفًا على الأقل. سيُسجَّل الخروج من الجلسات الأخرى.
   *[other] { $min } حرف على الأقل. سيُسجَّل الخروج من الجلسات الأخرى.
}
field-confirm-password = تأكيد كلمة المرور الجديدة
admin-change-password-button = تغيير كلمة المرور
admin-api-tokens = رموز واجهة برمجة التطبيقات
admin-tokens-hint = يتيح الرمز المميز لبرنامج ما استخدام واجهة JSON البرمجية بصلاحياتك. أرسله في هذا الترويس:
admin-new-token = رمزك المميز الجديد
admin-new-token-hint = (انسخه الآن؛ لن يُعرض مرة أخرى):
admin-col-created = تاريخ الإنشاء
admin-col-last-used = آخر استخدام
admin-revoke = إلغاء
admin-token-revoked = ملغى
admin-revoke-token = إلغاء { $name }
field-token-name = اسم رمز مميز جديد
admin-create-token = إنشاء رمز مميز
admin-language = لغة لوحة الإدارة
admin-language-hint = لك وحدك، في هذا المتصفح. يحتفظ الموقع العام بلغاته.
admin-language-browser = حسب لغة المتصفح
admin-language-button = استخدام هذه اللغة
error-language = اختر إحدى اللغات المعروضة.
error-password-current = كلمة المرور الحالية غير صحيحة.
error-password-short = { $min ->
    [zero] اختر كلمة مرور جديدة.
    [one] اختر كلمة مرور جديدة من حرف واحد على الأقل.
    [two] اختر كلمة مرور جديدة من حرفين على الأقل.
    [few] اختر كلمة مرور جديدة من { $min } أحرف على الأقل.
    [many] اختر كلمة مرور جديدة من { $min } حرفًا على الأقل.
   *[other] اختر كلمة مرور جديدة من { $min } حرف على الأقل.
}
error-password-differ = كلمتا المرور الجديدتان مختلفتان.
error-token-name = سمِّ الرمز المميز (بحد أقصى ١٠٠ حرف) باسم ما سيستخدمه.

## لوحة الإدارة: المستخدمون
admin-title-users = المستخدمون
admin-add-user = إضافة مستخدم
field-name = الاسم
field-role = الدور
field-initial-password = كلمة المرور الأولية
admin-sites-not-for-admins = المواقع (غير لازمة للمديرين)
admin-add-user-button = إضافة المستخدم
admin-sites-all = الكل
error-unknown-site = موقع غير معروف: «{ $key }».
error-email = أدخل عنوان بريد إلكتروني صالحًا.
error-user-password = { $min ->
    [zero] يجب إدخال كلمة مرور.
    [one] يجب أن تتكون كلمة المرور من حرف واحد على الأقل.
    [two] يجب أن تتكون كلمة المرور من حرفين على الأقل.
    [few] يجب أن تتكون كلمة المرور من { $min } أحرف على الأقل.
    [many] يجب أن تتكون كلمة المرور من { $min } حرفًا على الأقل.
   *[other] يجب أن تتكون كلمة المرور من { $min } حرف على الأقل.
}
error-role = اختر دورًا.
error-user-exists = يوجد مستخدم بهذا البريد الإلكتروني بالفعل.

## لوحة الإدارة: الخلاصات من مصادر أخرى
admin-title-feeds = الخلاصات من مصادر أخرى
admin-feeds-intro = يمكن لكل موقع متابعة خلاصات RSS أو Atom للشركاء والمواقع الأخرى. تظهر أخبارها في صفحة «{ $page }» بالموقع، مع ذكر مصدرها ورابط إليه. تُجلب الخلاصات حسب جدولها ومن عناوين عامة فقط، وتُنظَّف شفرة HTML فيها قبل حفظها.
admin-col-source = المصدر
admin-col-filters = عوامل التصفية
admin-col-every = التواتر
admin-col-last-fetch = آخر جلب
admin-col-items = الأخبار
admin-col-actions = الإجراءات
admin-feed-untitled = (بالاسم الذي تحمله الخلاصة)
admin-feed-keywords = الكلمات المفتاحية: { $terms }
admin-feed-categories = الفئات: { $terms }
admin-feed-all-items = جميع الأخبار
admin-feed-every = { $minutes ->
    [zero] باستمرار
    [one] كل دقيقة
    [two] كل دقيقتين
    [few] كل { $minutes } دقائق
    [many] كل { $minutes } دقيقة
   *[other] كل { $minutes } دقيقة
}
feed-status-paused = متوقفة مؤقتًا
feed-status-never = لم تُجلب بعد
feed-status-ok = سليمة
feed-status-not-modified = سليمة (دون تغيير)
feed-status-failed = فشل الجلب
admin-feed-fetch = الجلب الآن
admin-feed-pause = إيقاف مؤقت
admin-feed-resume = استئناف
admin-feed-remove = إزالة
admin-feed-none = لا يتابع هذا الموقع أي خلاصة.
admin-feed-follow = متابعة خلاصة
field-feed-url = عنوان الخلاصة
field-feed-title = اسم المصدر
hint-feed-title = يظهر بجانب كل خبر. اتركه فارغًا لاستخدام عنوان الخلاصة نفسها.
field-feed-every = الجلب كل (بالدقائق)
field-feed-keywords = الأخبار التي تذكر فقط
hint-feed-keywords = كلمات مفتاحية تفصل بينها فواصل؛ إذا تُرك فارغًا، تُحفظ جميع الأخبار.
field-feed-categories = الأخبار المصنفة في الفئات فقط
hint-feed-categories = فئات تفصل بينها فواصل، بالأسماء التي تستخدمها الخلاصة؛ إذا تُرك فارغًا، تُحفظ جميع الأخبار.
admin-feed-follow-button = متابعة هذه الخلاصة
notice-feed-added = أُضيفت الخلاصة. اجلبها الآن، أو انتظر موعدها.
notice-feed-removed = أُزيلت الخلاصة وأخبارها.
notice-feed-enabled = استُؤنفت متابعة الخلاصة.
notice-feed-disabled = أُوقفت الخلاصة مؤقتًا؛ وأُخفيت أخبارها.
notice-feed-fetched = جُلبت.
notice-feed-not-modified = جُلبت: لا جديد منذ المرة الأخيرة.
notice-feed-failed = فشل الجلب؛ ويظهر السبب بجانب الخلاصة.
notice-feed-busy = يجري جلب الخلاصة الآن (بواسطة هذا الخادم أو خادم آخر)؛ تحقّق مجددًا بعد لحظات.
error-feed-url-long = عنوان الخلاصة طويل جدًا.
error-feed-url = عنوان الخلاصة: { $reason }.
error-feed-title = لا يتجاوز اسم المصدر ٢٠٠ حرف.
error-feed-every = { $max ->
    [zero] اجلب كل { $min } إلى { $max } دقيقة.
    [one] اجلب كل { $min } إلى { $max } دقيقة.
    [two] اجلب كل { $min } إلى { $max } دقيقة.
    [few] اجلب كل { $min } إلى { $max } دقائق.
    [many] اجلب كل { $min } إلى { $max } دقيقة.
   *[other] اجلب كل { $min } إلى { $max } دقيقة.
}
error-feed-keywords = { $max ->
    [zero] الكلمات المفتاحية: غير مسموح بها.
    [one] الكلمات المفتاحية: كلمة واحدة على الأكثر، لا يتجاوز طولها ١٠٠ حرف.
    [two] الكلمات المفتاحية: كلمتان على الأكثر، تفصل بينهما فاصلة، ولا يتجاوز طول كل منهما ١٠٠ حرف.
    [few] الكلمات المفتاحية: { $max } كلمات على الأكثر، تفصل بينها فواصل، ولا يتجاوز طول كل منها ١٠٠ حرف.
    [many] الكلمات المفتاحية: { $max } كلمةً على الأكثر، تفصل بينها فواصل، ولا يتجاوز طول كل منها ١٠٠ حرف.
   *[other] الكلمات المفتاحية: { $max } كلمة على الأكثر، تفصل بينها فواصل، ولا يتجاوز طول كل منها ١٠٠ حرف.
}
error-feed-categories = { $max ->
    [zero] الفئات: غير مسموح بها.
    [one] الفئات: فئة واحدة على الأكثر، لا يتجاوز طولها ١٠٠ حرف.
    [two] الفئات: فئتان على الأكثر، تفصل بينهما فاصلة، ولا يتجاوز طول كل منهما ١٠٠ حرف.
    [few] الفئات: { $max } فئات على الأكثر، تفصل بينها فواصل، ولا يتجاوز طول كل منها ١٠٠ حرف.
    [many] الفئات: { $max } فئةً على الأكثر، تفصل بينها فواصل، ولا يتجاوز طول كل منها ١٠٠ حرف.
   *[other] الفئات: { $max } فئة على الأكثر، تفصل بينها فواصل، ولا يتجاوز طول كل منها ١٠٠ حرف.
}
error-feed-exists = يتابع هذا الموقع هذه الخلاصة بالفعل.
error-feed-enabled = حدّد ما إذا كان يجب متابعة الخلاصة: enabled=true أو false.
admin-title-new-release = بيان صحفي جديد
admin-title-new-page = صفحة جديدة
admin-languages = اللغات
admin-original = الأصل
admin-out-of-date = بحاجة إلى تحديث
admin-partner-logo = الشعار
admin-partner-logo-current = شعار { $name }
admin-partner-logo-none = لا شعار بعد: تعرض صفحات البيانات الصحفية اسم الشريك وحده.
admin-partner-logo-file = ملف الشعار
admin-partner-logo-hint = بصيغة PNG أو JPEG أو WebP. يظهر صغيرًا بجانب اسم الشريك في الصفحات العامة، ويصبح عامًّا على الفور.
admin-partner-logo-upload = رفع الشعار
admin-partner-logo-remove = إزالة الشعار
admin-source-heading = النص الأصلي باللغة { $language }
admin-source-revisions = النص الأصلي في المراجعة { $revision }؛ وحُفظت هذه الترجمة آخر مرة استنادًا إلى المراجعة { $translated }.
admin-source-changed = { $count ->
    [zero] لم يتغير أي جزء منذ ذلك الحين.
    [one] تغيّر جزء واحد منذ ذلك الحين، وهو مُعلَّم.
    [two] تغيّر جزءان منذ ذلك الحين، وهما مُعلَّمان.
    [few] تغيّرت { $count } أجزاء منذ ذلك الحين، وهي مُعلَّمة.
   *[other] تغيّر { $count } جزءًا منذ ذلك الحين، وهي مُعلَّمة.
}
admin-source-up-to-date = لم يتغير شيء في النص الأصلي منذ آخر حفظ لهذه الترجمة.
admin-source-unknown = المراجعة التي أُخذت منها هذه الترجمة غير محفوظة، لذلك لم يُعلَّم شيء.
admin-source-changed-mark = تغيّر منذ هذه الترجمة:
admin-translate-into = الترجمة إلى { $language }
notice-translation = بدأت ترجمة انطلاقًا من الأصل. ترجمها واحفظها ثم انشرها.
date-time = { $date }، الساعة { $time } بالتوقيت العالمي

## لوحة الإدارة: المواقع والترجمات
admin-title-translations = الترجمات: { $site }
admin-col-document = الوثيقة
admin-links = الروابط
admin-view = عرض
admin-add-site = إضافة موقع
admin-add-site-button = إضافة الموقع
admin-all-sites-link = جميع المواقع
field-site-key = المفتاح
hint-site-key = قصير وثابت: يُستخدم في /sites/المفتاح/ وفي سطر الأوامر.
hint-site-languages = رموز اللغات بالترتيب، مثل es, en. الأولى هي اللغة الافتراضية.
hint-site-country = لمكتب قُطري: رمز ISO للبلد، مثل SV. تظهر عندئذ على الموقع البيانات الصحفية العالمية المتعلقة به.
field-site-hosts = أسماء المضيف
hint-site-hosts = تفصل بينها فواصل، مثل elsalvador.iom.int.
field-site-names = الاسم بلغات أخرى
hint-site-names = اسم واحد في كل سطر، هكذا:
field-site-missing = عند عدم توفر صفحة بإحدى اللغات
site-missing-fallback = عرض نسخة اللغة الافتراضية مع إشعار
site-missing-not-found = الرد بأن «الصفحة غير موجودة»
error-site-host-taken = يستخدم موقع آخر أحد أسماء المضيف هذه بالفعل.
error-site-key-taken = يستخدم موقع آخر هذا المفتاح بالفعل.
error-site-language = لا ينشر { $site } باللغة «{ $language }».
error-translation-exists = لهذه الوثيقة نسخة باللغة { $language } بالفعل.
translations-summary = الترجمات الناقصة: { $missing }؛ التي تحتاج إلى تحديث: { $outdated }.
translations-caption = كل وثيقة بكل لغة من لغات الموقع
translations-none = لا توجد وثائق في هذا الموقع بعد.
translation-missing-cell = ناقصة
translation-outdated-cell = بحاجة إلى تحديث
translation-original-cell = الأصل
translation-current-cell = محدَّثة

## البحث
search-site-label = البحث في الموقع
search-this-site = ابحث في هذا الموقع
search-placeholder = بحث
search-button = بحث
search-heading = البحث
search-title = البحث: { $text }
search-results-for = نتائج البحث عن «{ $text }»
search-description = ابحث في البيانات الصحفية وصفحات هذا الموقع.
search-for = البحث عن
search-tip-words = يجب أن تتطابق كل الكلمات.
search-tip-phrase = ضع العبارة بين علامتي تنصيص، مثل
search-tip-minus = ضع علامة الطرح قبل الكلمة لاستبعادها، مثل
search-intro = ابحث في البيانات الصحفية وصفحات هذا الموقع، بكل اللغات التي ينشر بها.
search-unavailable = البحث غير متاح حاليًا. يُرجى المحاولة مرة أخرى بعد بضع دقائق.
search-tip-browse = تصفّح آخر الأخبار
search-tip-spelling = تحقّق من الإملاء، أو جرّب كلمات أقل أو أعمّ.
search-tip-filter = أزل أحد عوامل التصفية لتوسيع البحث.
search-nothing = لا توجد نتائج.
search-nothing-text = لا توجد نتائج لـ«{ $text }».
search-nothing-filters = لا توجد نتائج مع عوامل التصفية هذه.
search-nothing-text-filters = لا توجد نتائج لـ«{ $text }» مع عوامل التصفية هذه.
search-refine = تنقيح النتائج
search-selected-remove = (محدد: إزالة)
search-no-results = لا توجد نتائج
search-result-count = { $count ->
    [zero] لا توجد نتائج
    [one] نتيجة واحدة
    [two] نتيجتان
    [few] { $count } نتائج
    [many] { $count } نتيجةً
   *[other] { $count } نتيجة
}
search-cut = { $max ->
    [zero] كان بحثك طويلًا.
    [one] كان بحثك طويلًا: لم يُستخدم منه إلا الحرف الأول.
    [two] كان بحثك طويلًا: لم يُستخدم منه إلا أول حرفين.
    [few] كان بحثك طويلًا: لم يُستخدم منه إلا أول { $max } أحرف.
    [many] كان بحثك طويلًا: لم يُستخدم منه إلا أول { $max } حرفًا.
   *[other] كان بحثك طويلًا: لم يُستخدم منه إلا أول { $max } حرف.
}
search-unreadable = تعذّرت قراءة البحث. تحقّق من العنوان وحاول مرة أخرى.
search-too-many-values = { $max ->
    [zero] قيم كثيرة جدًا لعامل التصفية «{ $facet }».
    [one] قيم كثيرة جدًا لعامل التصفية «{ $facet }»: اختر قيمة واحدة على الأكثر.
    [two] قيم كثيرة جدًا لعامل التصفية «{ $facet }»: اختر قيمتين على الأكثر.
    [few] قيم كثيرة جدًا لعامل التصفية «{ $facet }»: اختر { $max } قيم على الأكثر.
    [many] قيم كثيرة جدًا لعامل التصفية «{ $facet }»: اختر { $max } قيمةً على الأكثر.
   *[other] قيم كثيرة جدًا لعامل التصفية «{ $facet }»: اختر { $max } قيمة على الأكثر.
}
search-kind-page = صفحة
search-facet-country = البلد
search-facet-region = المنطقة
search-facet-theme = الموضوع
search-facet-kind = النوع
search-facet-year = السنة
search-facet-language = اللغة
search-more-country = مزيد من البلدان
search-more-region = مزيد من المناطق
search-more-theme = مزيد من المواضيع
search-more-kind = مزيد من الأنواع
search-more-year = مزيد من السنوات
search-more-language = مزيد من اللغات
bad-region = «{ $value }» ليس منطقة. استخدم رمز منطقة وفق تصنيف M49 للأمم المتحدة، مثل 019 للأمريكتين.
bad-kind = «{ $value }» ليس نوع محتوى. استخدم أحد هذه: { $kinds }.
bad-language = «{ $value }» ليس من لغات هذا الموقع.

## Two-factor sign-in
admin-code-heading = أدخل رمز تسجيل الدخول
admin-code-intro = كلمة مرور { $email } صحيحة. أدخل الآن الرمز المكوّن من ستة أرقام الذي يعرضه تطبيق المصادقة.
field-code = الرمز
hint-code = الأرقام الستة من تطبيق المصادقة، أو أحد رموز الاسترداد.
admin-code-button = تحقّق
admin-code-cancel = إلغاء وتسجيل الخروج
error-code-empty = أدخل الرمز من تطبيق المصادقة.
error-code-wrong = هذا الرمز غير صحيح. تحقّق من ساعة هاتفك وجرّب أحدث رمز.
error-code-used = استُخدم هذا الرمز من قبل. انتظر الرمز التالي.
error-code-enrol = هذا الرمز لا يطابق السرّ الجديد. أدخل أحدث رمز من ستة أرقام من تطبيقك.
error-two-factor-already-on = تسجيل الدخول بخطوتين مفعّل بالفعل. يمكن للمسؤول إعادة تعيينه إذا فقدت هاتفك.
error-two-factor-not-started = ابدأ أولًا بإعداد تسجيل الدخول بخطوتين.
error-two-factor-none = هذا المستخدم لا يستخدم تسجيل الدخول بخطوتين.
admin-title-two-factor = تسجيل الدخول بخطوتين
admin-two-factor-must-enrol = يتطلّب دورك تسجيل الدخول بخطوتين. أعدّه الآن لتستخدم لوحة الإدارة.
admin-two-factor-required = يتطلّب دورك تسجيل الدخول بخطوتين.
admin-recovery-codes = رموز الاسترداد
admin-recovery-codes-once = دوّن هذه الرموز الآن: فهي لا تُعرض إلا مرة واحدة.
admin-recovery-codes-hint = كل رمز يتيح لك الدخول مرة واحدة بدلًا من رمز الهاتف إذا فقدته.
admin-two-factor-continue = المتابعة إلى لوحة الإدارة
admin-two-factor-status = الحالة
admin-two-factor-on = تسجيل الدخول بخطوتين مفعّل.
admin-two-factor-on-since = تسجيل الدخول بخطوتين مفعّل منذ { $since }.
admin-recovery-left = { $count ->
    [zero] لم يبقَ أي رمز استرداد.
    [one] بقي رمز استرداد واحد.
    [two] بقي رمزا استرداد.
    [few] بقيت { $count } رموز استرداد.
    [many] بقي { $count } رمزًا للاسترداد.
   *[other] بقي { $count } رمز استرداد.
}
admin-two-factor-lost = فقدت هاتفك ورموز الاسترداد؟ اطلب من المسؤول إعادة تعيين تسجيل الدخول بخطوتين.
admin-two-factor-scan = امسح هذا الرمز بتطبيق المصادقة
admin-two-factor-scan-hint = استخدم أي تطبيق للرموز الزمنية (TOTP)، ثم أدخل الرمز الذي يعرضه لتفعيل تسجيل الدخول بخطوتين.
admin-two-factor-qr-label = رمز QR لتطبيق المصادقة
admin-two-factor-manual = لا يمكنك مسحه؟ اكتب هذا السرّ في التطبيق بدلًا من ذلك:
admin-two-factor-confirm = تفعيل
admin-two-factor-new-secret = البدء من جديد بسرّ جديد
admin-two-factor-off = تسجيل الدخول بخطوتين غير مفعّل.
admin-two-factor-explain = مع تسجيل الدخول بخطوتين لا تكفي كلمة مرور مسروقة: فأنت تدخل أيضًا رمزًا من هاتفك.
admin-two-factor-start = إعداد تسجيل الدخول بخطوتين
admin-two-factor-manage = إعدادات تسجيل الدخول بخطوتين
admin-col-two-factor = الخطوتان
admin-two-factor-yes = مفعّل
admin-two-factor-no = غير مفعّل
admin-two-factor-reset = إعادة تعيين تسجيل الدخول بخطوتين لـ { $email }
admin-two-factor-roles = تسجيل الدخول بخطوتين إلزاميًا
admin-two-factor-roles-hint = الأدوار التي يجب أن تستخدم تسجيل الدخول بخطوتين (من لم يُعدّه يُعدّه عند تسجيل دخوله التالي)
notice-two-factor-on = تسجيل الدخول بخطوتين مفعّل.
notice-recovery-used = سجّلت الدخول برمز استرداد. لا يمكن استخدامه مرة أخرى.
notice-two-factor-roles = حُفظت الأدوار التي يجب أن تستخدم تسجيل الدخول بخطوتين.
notice-two-factor-reset = أُعيد تعيين تسجيل الدخول بخطوتين وأُنهيت جلسات المستخدم. سيُعدّه من جديد عند تسجيل دخوله التالي.

# Language names as a sentence in this language writes them ("la version en anglais").
language-name-en = الإنجليزية
language-name-fr = الفرنسية
language-name-es = الإسبانية
language-name-de = الألمانية
language-name-ar = العربية
language-name-pt = البرتغالية
language-name-it = الإيطالية
language-name-ru = الروسية
language-name-zh = الصينية

# One user's account: role, sites, removal, password links.
admin-title-person = المستخدم { $email }
admin-back-to-users = → كل المستخدمين
admin-password-link-heading = رابط كلمة مرور لاستخدام واحد
admin-password-link-hint = أرسل هذا الرابط إلى الشخص عبر قناة موثوقة. يعمل مرة واحدة فقط خلال { $hours } ساعة، ولن يُعرض مرة أخرى. تبقى كلمة مروره الحالية صالحة إلى أن يستخدمه.
admin-password-link-label = الرابط
admin-password-link-button = إنشاء رابط كلمة مرور
admin-person-profile = الاسم والدور والمواقع
admin-person-access = الوصول
admin-person-remove = حذف هذا المستخدم
admin-person-remove-hint = يُنهي الحذف جلساته ورموز واجهة البرمجة الخاصة به نهائيًا. يبقى ما كتبه، ويحتفظ سجل التدقيق ببريده الإلكتروني. لإيقاف الوصول مؤقتًا، عطّل الحساب بدلًا من ذلك.
admin-person-remove-confirm = أريد حذف { $email } نهائيًا
admin-person-remove-button = حذف المستخدم
admin-password-reset-heading = اختر كلمة مرور جديدة
admin-password-reset-for = للحساب { $email }. تنتهي كل جلسات هذا الحساب ورموز واجهة البرمجة الخاصة به عند الحفظ.
admin-password-reset-button = حفظ كلمة المرور الجديدة
error-last-admin = يجب أن يبقى دائمًا مسؤول مفعّل واحد على الأقل: اجعل شخصًا آخر مسؤولًا أولًا.
error-user-no-site = اختر موقعًا واحدًا على الأقل: الجميع باستثناء المسؤولين يعملون ضمن مواقع.
error-remove-self = لا يمكنك حذف حسابك.
error-remove-confirm = ضع علامة في المربع لتأكيد الحذف.
error-reset-disabled = هذا المستخدم معطّل: فعّله قبل إنشاء رابط كلمة مرور.
error-reset-link = هذا الرابط لا يعمل: استُخدم من قبل أو انتهت صلاحيته أو حلّ محلّه رابط أحدث. اطلب رابطًا جديدًا من أحد المسؤولين.
notice-user-saved = حُفظ المستخدم. يسري الدور الجديد من نقرته التالية.
notice-user-removed = حُذف المستخدم.
notice-password-link = أُنشئ رابط كلمة مرور. انسخه الآن: لا يُعرض إلا مرة واحدة.
notice-password-reset = حُفظت كلمة مرورك الجديدة. سجّل الدخول بها.

# Back-office error pages.
admin-error-back-hint = يعيدك زر الرجوع في المتصفح إلى النموذج مع ما كتبته.
admin-error-documents-link = الانتقال إلى المستندات

# Themes, partners and media contacts in the back office.
admin-nav-taxonomy = التصنيفات
admin-title-taxonomy = المواضيع والشركاء وجهات الاتصال
admin-taxonomy-hint = يخدم كل إدخال جميع المواقع، أو الموقع المختار عند إضافته وحده: فلا تستعمله إلا وثائق ذلك الموقع. يظهر الاسم بلغة ما في صفحات تلك اللغة؛ وتعرض اللغة المتروكة فارغة الاسمَ الافتراضي.
admin-taxonomy-themes = المواضيع
admin-taxonomy-partners = الشركاء
admin-taxonomy-contacts = جهات الاتصال الإعلامية
admin-col-translated = مترجم إلى
admin-col-slug = مفتاح العنوان
admin-col-key = المفتاح
field-description = الوصف
field-acronym = الاختصار
field-office = المكتب
field-phone = الهاتف
admin-title-theme = الموضوع: { $name }
admin-title-partner = الشريك: { $name }
admin-title-programme = البرنامج: { $name }
admin-title-contact = جهة الاتصال الإعلامية: { $name }
admin-back-to-taxonomy = → المواضيع والشركاء وجهات الاتصال
admin-taxonomy-default = الافتراضي (لأي لغة بلا اسم خاص)
admin-taxonomy-empty-hint = اترك اللغة فارغة ليظهر فيها الاسم الافتراضي.
error-taxonomy-name = أعطه اسمًا.
error-taxonomy-long = لا يتجاوز الاسم 200 حرف، والاختصار 30، والوصف 500، ورقم الهاتف 50.
error-taxonomy-site = اختر موقعًا من القائمة.
error-programme-unknown-programme = اختر برنامجًا من القائمة.
error-contact-phone = اكتب رقم الهاتف بالأرقام والمسافات و+ - ( ) فقط، مثل ‎+503 2521 0500.
notice-taxonomy-saved = حُفظ. تعرض الصفحات الأسماء الجديدة فورًا.

# Paste or upload a release: the tagger's proposals in the editor.
admin-title-paste = لصق بيان صحفي أو رفعه
admin-paste-link = لصق بيان صحفي أو رفعه
admin-paste-hint = الصق بيانًا صحفيًا كُتب في مكان آخر أو اختر ملفه. يقرؤه Portico ويفتح مسودة جديدة مُلئت فيها المكان والتاريخ والبلدان والشركاء وجهات الاتصال الإعلامية والمواضيع التي وجدها، ولكلٍّ منها الكلمات التي جاء منها. لا يُحفظ شيء قبل أن تحفظ المسودة.
admin-paste-text = نص البيان
admin-paste-file = أو ملفه: ‎.docx أو ‎.html أو ‎.md أو ‎.txt، حتى { $mb } ميغابايت
admin-paste-button = اقرأه
error-paste-empty = الصق نص البيان أو اختر ملفه.
error-paste-unreadable = تعذّرت قراءة البيان: { $reason }
notice-proposals = قُرئ. راجع كل اقتراح أدناه وصحّح النموذج ثم احفظ المسودة: لم يُحفظ شيء بعد.
admin-proposals-heading = ما وجده Portico
admin-proposals-hint = أُدرجت الصفوف «في النموذج»؛ أما الصفوف الرمادية فلم تُدرج (شريك أو جهة اتصال ليست في قوائمك، أو بلد مذكور عبر سكانه فقط، أو التاريخ المطبوع). اقبل كل اقتراح أو ارفضه، أو عدّل النموذج نفسه: لا يُحفظ شيء قبل أن تحفظ.
admin-col-field = الحقل
admin-col-proposed = المقترح
admin-col-evidence = من الكلمات
proposal-demonym-only = مذكور عبر سكانه فقط
proposal-not-listed = ليس في قوائمك
admin-new-in-language = هذه المسودة مكتوبة بلغة البيان: { $language }.

# Adding themes, partners and media contacts.
admin-taxonomy-add-theme = إضافة موضوع
admin-taxonomy-add-partner = إضافة شريك
admin-taxonomy-add-contact = إضافة جهة اتصال إعلامية
admin-taxonomy-add-programme = إضافة برنامج
admin-taxonomy-every-site = كل المواقع
admin-taxonomy-owner = الموقع
admin-taxonomy-programmes = البرامج
admin-taxonomy-add-button = إضافة
admin-taxonomy-key-hint = يدخل المفتاح في العناوين ولا يمكن تغييره لاحقًا؛ وإذا تُرك فارغًا يُشتق من الاسم.
error-taxonomy-key-taken = المفتاح «{ $key }» مستخدم بالفعل: اختر غيره.
notice-taxonomy-added = أُضيف. اكتب هنا أسماءه باللغات الأخرى.

# The overview: charts of what was published.
admin-nav-overview = نظرة عامة
admin-title-overview = نظرة عامة
admin-overview-show = عرض
admin-overview-chart-title = البيانات الصحفية المنشورة لموقع { $site } حسب الشهر واللغة
admin-overview-per-month = المنشور شهريًا: { $site }
admin-overview-numbers = الأرقام
admin-overview-coverage = تغطية الترجمة
admin-overview-coverage-hint = البيانات الصحفية المنشورة بكل لغة مقارنةً باللغة الأولى للموقع.
admin-overview-releases = البيانات الصحفية
admin-overview-share = النسبة
admin-overview-ahead = المجدول
admin-overview-nothing-ahead = لا شيء مجدول على مواقعك.

# The map on Where we work.
map-title = خريطة البلدان التي نعمل فيها
map-description = البلدان التي فيها مكتب هي الأغمق، والبلدان التي تتناولها أخبارنا أفتح. كل البلدان مدرجة أدناه حسب المنطقة.
map-legend-office = مكتب
map-legend-covered = في أخبارنا
map-legend-disputed = وضع متنازع عليه (متقطع)
map-disclaimer = لا تعني الحدود والأسماء المبيّنة والتسميات المستخدمة في هذه الخريطة أي إقرار أو قبول رسمي من جانب المنظمة.
# Document list
admin-list-search = بحث
admin-list-search-hint = كلمات من العنوان أو الملخص أو النص في أي نسخة، بما فيها المسودات.
admin-list-all-sites = جميع مواقعي
admin-list-author = أنشأه
admin-list-editor = آخر من عدّله
admin-list-anyone = أي شخص
admin-list-country = البلد
admin-list-any-country = أي بلد
admin-list-dates = التواريخ
admin-list-date-field = أي تاريخ
admin-list-dates-updated = آخر حفظ
admin-list-dates-published = النشر
admin-list-from = من
admin-list-to = إلى
admin-list-sort = الترتيب حسب
admin-list-sort-updated = آخر حفظ
admin-list-sort-published = تاريخ النشر
admin-list-sort-title = العنوان
admin-list-sort-relevance = الأكثر تطابقًا
admin-list-direction = الاتجاه
admin-list-descending = الأحدث أو ي أولاً
admin-list-ascending = الأقدم أو أ أولاً
admin-list-clear = مسح عوامل التصفية
admin-list-total = { $count ->
    [zero] لا توجد وثائق
    [one] وثيقة واحدة
    [two] وثيقتان
    [few] { $count } وثائق
   *[other] { $count } وثيقة
}
admin-list-total-more = أكثر من { $count } وثيقة
admin-list-cut-short = لم تبحث هذه الصفحة إلا في جزء من القائمة ({ $count } وثيقة). استخدم «التالي» لمواصلة البحث، أو ضيّق عوامل التصفية.
admin-list-pages = صفحات قائمة الوثائق
admin-list-first = الصفحة الأولى
admin-list-previous = السابق
admin-list-next = التالي
admin-list-page = الصفحة { $number }
admin-col-published = تاريخ النشر
admin-col-last-changed-by = آخر من عدّله
admin-list-bad-site = «{ $value }» ليس من مواقعك.
admin-list-bad-language = «{ $value }» ليست لغة أي موقع.
admin-list-bad-kind = «{ $value }» ليس نوعًا من الوثائق. استخدم أحد هذه: { $kinds }.
admin-list-bad-status = «{ $value }» ليست حالة.
admin-list-bad-user = «{ $value }» ليس مستخدمًا.
admin-list-bad-date-field = «{ $value }» ليس تاريخًا للتصفية. استخدم updated أو published.
admin-list-bad-date = «{ $value }» ليس تاريخًا. استخدم السنة-الشهر-اليوم، مثل 2025-03-31.
admin-list-bad-range = تاريخ البداية بعد تاريخ النهاية.
admin-list-bad-sort = «{ $value }» ليس ترتيبًا. استخدم updated أو published أو title.
admin-list-bad-direction = «{ $value }» ليس اتجاهًا. استخدم asc أو desc.
admin-list-bad-cursor = «{ $value }» ليس موضعًا في هذه القائمة. ابدأ من جديد من الصفحة الأولى.
admin-list-search-too-long = البحث «{ $value }» طويل جدًا: 200 حرف على الأكثر.
# Redirects and imports
admin-nav-redirects = إعادات التوجيه
admin-title-redirects = إعادات التوجيه
admin-redirects-intro = العنوان القديم الذي لم يعد يؤدي إلى أي صفحة يرسل قرّاءه ومحركات البحث إلى العنوان الجديد بصفة دائمة. تضيف عمليات الاستيراد عناوين النظام الذي جاءت منه؛ أضف هنا عناوين أخرى أو أزلها.
admin-col-old-address = العنوان القديم
admin-col-new-address = يؤدي إلى
admin-col-since = منذ
admin-redirect-remove = إزالة
admin-redirect-none = لا توجد إعادات توجيه في هذا الموقع.
admin-redirect-add = إضافة إعادة توجيه
admin-redirect-add-button = أضف إعادة التوجيه
field-redirect-old = العنوان القديم
field-redirect-new = العنوان الجديد
hint-redirect-new = مسار في الموقع نفسه، مثل ‎/ar/news/new-address، أو عنوان كامل يبدأ بـ https://.
error-redirect-old = اكتب العنوان القديم مسارًا يبدأ بـ / ومن دون مسافات.
error-redirect-new = اكتب العنوان الجديد مسارًا يبدأ بـ / أو عنوانًا كاملًا يبدأ بـ https://.
error-redirect-loop = لا يمكن لعنوان أن يعيد التوجيه إلى نفسه.
notice-redirect-added = حُفظت إعادة التوجيه.
notice-redirect-removed = أُزيلت إعادة التوجيه.
# لصق بيان أو رفعه: قبول كل اقتراح أو رفضه.
admin-col-in-form = في النموذج
proposal-in-form = في النموذج
proposal-left-out = ليس في النموذج
proposal-accept = قبول
proposal-dismiss = رفض
proposal-date-on-publishing = يحدده من ينشر
field-body-image = صورة في النص
proposal-image-stored = حُفظت في مكتبة الوسائط ووُضعت في النص
proposal-image-not-allowed = لم تُضمَّن: لا يحق لك رفع الوسائط على هذا الموقع
proposal-image-too-many = لم تُضمَّن: يُضمَّن من الملف الواحد { $max } صورة على الأكثر
proposal-image-missing = لم تُضمَّن: لا يحتوي الملف على هذه الصورة
proposal-image-refused = لم تُضمَّن: { $reason }

# المحرر المرئي لنص المستندات (شريط الأدوات والنوافذ وعرض المصدر).
editor-toolbar = التنسيق
editor-heading-2 = عنوان
editor-heading-3 = عنوان فرعي
editor-bold = غامق
editor-italic = مائل
editor-link = رابط
editor-bullet-list = قائمة نقطية
editor-numbered-list = قائمة مرقمة
editor-quote = اقتباس
editor-image = صورة
editor-video = فيديو
editor-table = جدول
editor-table-add-row = إضافة صف
editor-table-add-column = إضافة عمود
editor-table-delete-row = حذف الصف
editor-table-delete-column = حذف العمود
editor-table-delete = حذف الجدول
editor-undo = تراجع
editor-redo = إعادة
editor-source = مصدر Markdown
editor-source-only = يستخدم هذا النص صيغة Markdown (‏HTML أو حواشٍ) لا يستطيع المحرر المرئي عرضها دون تغييرها، لذا يُفتح كمصدر.
editor-apply = تطبيق
editor-cancel = إلغاء
editor-link-address = عنوان ويب أو بريد إلكتروني (mailto:) أو مسار صفحة (/ar/…)
editor-link-remove = إزالة الرابط
editor-image-address = عنوان الصورة (من الوسائط)
editor-image-alt = النص البديل: ما تُظهره الصورة لمن لا يستطيع رؤيتها
editor-image-caption = التعليق ونسبة الصورة
editor-video-address = رابط الفيديو (YouTube أو Vimeo)
editor-video-title = العنوان
editor-video-thumbnail = رابط الصورة المصغّرة (اختياري)
editor-video-unsupported = لا تُنشأ بطاقة فيديو إلا من روابط فيديوهات YouTube وVimeo.
editor-video-thumbnail-invalid = يجب أن يكون رابط الصورة المصغّرة عنوان ويب (https://…) أو مسارًا في هذا الموقع (/media/…).
editor-video-thumbnail-grid = اختر الصورة المصغّرة للفيديو


# الحفظ التلقائي للنص غير المحفوظ في المحرر.
autosave-kept = حُفظت التغييرات غير المحفوظة مؤقتًا في { $time }.
editor-autosave-failed = تعذّر حفظ آخر تغييراتك على الخادم. احفظ المستند كي لا تفقدها.
autosave-offer = لديك تغييرات غير محفوظة من { $time }.
autosave-restore = استعادتها
autosave-discard = تجاهلها
error-autosave-target = حدّد المستند (رقمه ولغته) أو نوع المستند الجديد الذي ينتمي إليه النص.
error-autosave-title-too-long = لا يجوز أن يتجاوز العنوان { $max } حرفًا.
error-autosave-body-too-large = لا يجوز أن يتجاوز حجم النص { $max } كيلوبايت.

# أداة اختيار البلدان في المحرر.
editor-country-search = اكتب اسم بلد
editor-country-remove = إزالة { $name }
editor-country-hint = اكتب جزءًا من اسم البلد أو المنطقة، ثم اختره بمفاتيح الأسهم وزر الإدخال. تضيف المنطقة جميع بلدانها.

# أدوات الاختيار في المحرر: المناطق والشركاء وجهات الاتصال الإعلامية والصورة الرئيسية.
hint-partners = اكتب جزءًا من اسم الشريك أو اختصاره، ثم اختره بمفاتيح الأسهم وزر الإدخال.
hint-contacts = اكتب جزءًا من اسم جهة الاتصال أو مكتبها أو بريدها الإلكتروني، ثم اخترها بمفاتيح الأسهم وزر الإدخال.
field-add-by-key = أضف بالمفتاح كما تعرضه صفحة التصنيفات، مع الفصل بفواصل
editor-region-detail = { $count ->
    [few] منطقة، { $count } بلدان
    [many] منطقة، { $count } بلدًا
   *[other] منطقة، { $count } بلد
}
editor-region-added = أُضيفت بلدان { $name }.
editor-partner-search = اكتب اسم الشريك أو اختصاره
editor-contact-search = اكتب اسم جهة الاتصال أو مكتبها
editor-pick-remove = إزالة { $name }
editor-pick-none = لم يُعثر على شيء.
editor-pick-failed = لم يستجب البحث. تحقق من اتصالك واكتب مرة أخرى.
editor-image-choose = اختر صورة…
editor-image-change = اختر صورة أخرى…
editor-image-remove = أزل الصورة الرئيسية
editor-image-upload = ارفع صورة…
editor-image-drop = أو أفلت ملف صورة على المحرر.
editor-image-search = ابحث في الصور بكلماتها أو باسم ملفها
editor-image-grid = اختر الصورة الرئيسية
editor-image-more = مزيد من الصور
editor-image-none = لم يُعثر على أي صورة.
editor-image-count = الصور المعروضة: { $count }
editor-image-uploading = جارٍ رفع { $name }…
editor-image-uploaded = رُفعت { $name } وأصبحت الصورة الرئيسية.
editor-image-alt-title = صِف الصورة
editor-image-alt-saved = حُفظ نصها البديل.
editor-image-failed = لم يكتمل الرفع. تحقق من اتصالك وحاول مرة أخرى.
editor-image-wrong-type = الملف { $name } ليس صورة. أفلت ملف JPEG أو PNG أو WebP.
editor-cover-remove = أزل الغلاف
editor-cover-grid = اختر الغلاف
editor-cover-uploaded = رُفعت { $name } وأصبحت الغلاف.
editor-pdf-choose = اختر ملف PDF…
editor-pdf-change = اختر ملف PDF آخر…
editor-pdf-remove = أزل ملف PDF
editor-pdf-upload = ارفع ملف PDF…
editor-pdf-drop = أو أفلت ملف PDF على المحرر.
editor-pdf-search = ابحث في ملفات PDF باسم الملف
editor-pdf-grid = اختر ملف PDF لهذه النسخة
editor-pdf-more = مزيد من ملفات PDF
editor-pdf-none = لم يُعثر على أي ملف PDF.
editor-pdf-count = ملفات PDF المعروضة: { $count }
editor-pdf-uploaded = رُفع { $name } وأصبح ملف PDF لهذه النسخة.
editor-pdf-wrong-type = الملف { $name } ليس ملف PDF.
error-pick-too-long = ابحث بما لا يزيد على { $max } من الأحرف.
error-pick-page = صفحة الصور هذه غير موجودة. ابدأ من جديد من الصفحة الأولى.

# خطة عام 2030: أهداف التنمية المستدامة.
release-goals = أهداف التنمية المستدامة
sdg-goal = الهدف { $number }: { $name }
sdg-targets = الغايات { $targets }
sdg-page-count = { $count ->
    [zero] لا توجد صفحات
    [one] صفحة واحدة
    [two] صفحتان
    [few] { $count } صفحات
    [many] { $count } صفحة
   *[other] { $count } صفحة
}
sdg-agenda = خطة عام 2030
sdg-agenda-summary = أهداف التنمية المستدامة، وما ننشره عن كل منها.
sdg-goals-heading = أهداف التنمية المستدامة السبعة عشر
sdg-nothing-yet = لم يُنشر شيء بعد
sdg-kicker = هدف من أهداف التنمية المستدامة
sdg-goal-description = بياناتنا الصحفية وصفحاتنا ومنشوراتنا عن { $goal }.
sdg-pages-heading = الصفحات
sdg-publications-heading = المنشورات
sdg-all-publications = { $count ->
    [zero] لا توجد منشورات عن هذا الهدف
    [one] المنشور الوحيد عن هذا الهدف
    [two] المنشوران عن هذا الهدف
    [few] جميع المنشورات الـ{ $count } عن هذا الهدف
    [many] جميع المنشورات الـ{ $count } عن هذا الهدف
   *[other] جميع المنشورات الـ{ $count } عن هذا الهدف
}
sdg-releases-heading = البيانات الصحفية
sdg-no-releases = لا توجد بيانات صحفية عن هذا الهدف بعد.
sdg-other-goals = أهداف أخرى
field-goals = أهداف التنمية المستدامة
field-targets = الغايات
hint-targets = أرقام الغايات مفصولة بفواصل، مثل 10.7, 10.c. تُحسب الغاية لهدفها أيضًا.
error-goals-unknown-goal = استخدم أرقام الأهداف من 1 إلى 17 وأرقام الغايات مثل 10.7 أو 10.c.
error-goals-too-many = 40 هدفًا وغاية على الأكثر.
filter-goal = الهدف
bad-goal = «{ $value }» ليس هدفًا من أهداف التنمية المستدامة. الأهداف مرقمة من 1 إلى 17.
bad-goal-combined = لا يمكن تضييق البيانات الصحفية لهدف ما حسب البلد أو الموضوع أيضًا؛ اختر أحدهما.

## Vacancies
nav-vacancies = الوظائف الشاغرة
admin-kind-vacancies = الوظائف الشاغرة
vacancies-heading = الوظائف الشاغرة
vacancies-description = الوظائف المفتوحة: مركز العمل والرتبة وآخر موعد لتقديم الطلبات.
vacancies-total-none = لا توجد وظيفة شاغرة مفتوحة حاليًا.
vacancy-count = { $count ->
    [zero] لا توجد وظائف شاغرة مفتوحة
    [one] وظيفة شاغرة مفتوحة واحدة
    [two] وظيفتان شاغرتان مفتوحتان
    [few] { $count } وظائف شاغرة مفتوحة
   *[other] { $count } وظيفة شاغرة مفتوحة
}
vacancies-filter-label = تصفية الوظائف الشاغرة
vacancies-none = لا توجد وظيفة شاغرة مفتوحة تطابق عوامل التصفية هذه.
vacancies-feed = متابعة الوظائف الجديدة (موجز Atom)
vacancies-feed-subtitle = الوظائف الشاغرة المفتوحة في { $site }
vacancy-kicker = وظيفة شاغرة
vacancy-about = عن الوظيفة
vacancy-reference = الرقم المرجعي
vacancy-duty-station = مركز العمل
vacancy-duty-country = بلد مركز العمل
vacancy-grade = الرتبة
vacancy-all-grades = جميع الرتب
vacancy-contract = العقد
vacancy-all-contracts = جميع العقود
vacancy-duration = المدة
vacancy-unit = المكتب أو الشعبة
vacancy-eligibility = من يحق له التقديم
vacancy-eligibility-external = مفتوحة لجميع المتقدمين
vacancy-eligibility-internal = للموظفين الحاليين فقط
vacancy-opens = بدء تقديم الطلبات
vacancy-closes = آخر موعد لتقديم الطلبات
vacancy-closes-on = تغلق في { $date }
vacancy-closing = الإغلاق
vacancy-closing-soon = تغلق خلال أسبوع
vacancy-posted = تاريخ النشر
vacancy-apply = قدّم طلبك
vacancy-status-open = مفتوحة لتقديم الطلبات
vacancy-status-closing-soon = مفتوحة لتقديم الطلبات وتغلق خلال أسبوع
vacancy-status-not-yet-open = يبدأ تقديم الطلبات في { $date }.
vacancy-status-closed = هذه الوظيفة مغلقة: انتهى تقديم الطلبات في { $date }.
vacancy-gone = أُغلقت هذه الوظيفة في { $date } ولم تعد منشورة.
vacancy-contract-fixed-term = تعيين محدد المدة
vacancy-contract-temporary = تعيين مؤقت
vacancy-contract-consultancy = استشارة
vacancy-contract-internship = تدريب داخلي
vacancy-grade-consultant = استشاري
vacancy-grade-intern = متدرب
vacancy-grade-ug = بلا رتبة
bad-grade = «{ $value }» ليست رتبة. استخدم مثلًا P-3 أو G-5 أو NO-B أو consultant أو intern.
bad-contract = «{ $value }» ليس نوع عقد. استخدم fixed_term أو temporary أو consultancy أو internship.
bad-closing = «{ $value }» ليس عامل تصفية للإغلاق. استخدم closing=soon للوظائف التي تغلق خلال أسبوع.
error-gone-heading = لم تعد هذه الصفحة موجودة
admin-new-vacancy = وظيفة شاغرة جديدة
admin-title-new-vacancy = وظيفة شاغرة جديدة
error-slug-taken-vacancy = تستخدم وظيفة شاغرة أخرى بهذه اللغة هذا المعرّف بالفعل.
hint-slug-vacancy = نهاية العنوان، كما في ‎/ar/vacancies/slug‎. إذا تُرك فارغًا يُشتق من العنوان.
field-choose = اختر…
field-vacancy = الوظيفة
field-vacancy-duty-city = مركز العمل (المدينة)
field-vacancy-offset = المنطقة الزمنية
field-vacancy-apply-to = جهة تقديم الطلبات
hint-vacancy-closes-at = بتوقيت مركز العمل: تختفي الوظيفة من الموقع في تلك الدقيقة.
hint-vacancy-apply-to = عنوان https://‎ لاستمارة التقديم، أو عنوان بريد إلكتروني.
error-vacancy-time = أدخل تاريخًا ووقتًا مثل 2026-12-15T23:59.
error-vacancy-offset = اختر منطقة زمنية من القائمة.
error-vacancy-duty-country-unknown-country = اختر بلد مركز العمل من القائمة.
error-vacancy-grade-unknown-grade = اختر رتبة من القائمة.
error-vacancy-closes-at-before-opening = يجب أن يأتي موعد الإغلاق بعد بدء تقديم الطلبات.
error-vacancy-closes-at-too-long-open = تبقى الوظيفة مفتوحة سنة واحدة على الأكثر؛ تحقق من سنة الإغلاق.
error-vacancy-closes-at-mixed-time-zones = أدخل موعدي البدء والإغلاق بالمنطقة الزمنية نفسها.
error-vacancy-apply-to-invalid-address = أدخل عنوان https://‎ أو عنوان بريد إلكتروني.

## News by email
nav-subscribe = الأخبار بالبريد الإلكتروني
subscribe-title = الأخبار بالبريد الإلكتروني
subscribe-intro = تلقَّ البيانات الصحفية لهذا الموقع في بريدك الإلكتروني فور نشرها أو في ملخص.
subscribe-email = عنوان البريد الإلكتروني
subscribe-frequency = عدد المرات
subscribe-frequency-immediate = فور نشر أي بيان
subscribe-frequency-daily = ملخص يومي
subscribe-frequency-weekly = ملخص أسبوعي
subscribe-narrow = بعض البيانات فقط (اختياري)
subscribe-countries = البلدان
subscribe-themes = المواضيع
subscribe-languages = اللغات
subscribe-privacy = لا نستخدم عنوانك إلا لإرسال هذه الأخبار، وكل رسالة تتيح لك إلغاء الاشتراك بنقرة واحدة.
subscribe-submit = اشترك
subscribe-unavailable = الاشتراك بالبريد الإلكتروني غير متاح على هذا الموقع حاليًا.
subscribe-sent = شكرًا. إذا كان بإمكان { $email } تلقي رسائلنا، فستصله رسالة فيها رابط للتأكيد. يبدأ اشتراكك بعد تأكيده.
subscribe-confirm-title = أكِّد اشتراكك
subscribe-confirm-button = تأكيد اشتراكي
subscribe-confirmed-title = تم اشتراكك
subscribe-confirmed = تم تأكيد اشتراكك. كل رسالة نرسلها إليك فيها رابط لإلغاء الاشتراك.
subscribe-link-invalid = هذا الرابط غير صالح أو انتهت صلاحيته. اشترك مرة أخرى لتتلقى رابطًا جديدًا.
subscribe-bad-email = «{ $value }» ليس عنوان بريد إلكتروني.
subscribe-bad-language = «{ $value }» ليست من لغات هذا الموقع.
subscribe-bad-frequency = «{ $value }» ليس تواترًا: اختر فوريًا أو يوميًا أو أسبوعيًا.
unsubscribe-title = إلغاء الاشتراك
unsubscribe-intro = التوقف عن تلقي أخبار هذا الموقع بالبريد الإلكتروني.
unsubscribe-button = إلغاء اشتراكي
unsubscribe-done = تم إلغاء اشتراكك: لن نرسل إليك أخبارًا بالبريد الإلكتروني بعد الآن.
email-confirm-subject = أكِّد اشتراكك في { $site }
email-confirm-intro = طلب شخص ما، ربما أنت، تلقي أخبار { $site } على هذا العنوان. أكِّد بالزر أدناه.
email-confirm-button = تأكيد اشتراكي
email-confirm-ignore = إذا لم تطلب ذلك، فتجاهل هذه الرسالة: لن يُرسل إليك شيء.
email-news-subject = { $site }: بيانات جديدة ({ $count })
email-news-heading = أخبار { $site }
email-news-read = اقرأ البيان
email-news-why = تصلك هذه الرسالة لأنك اشتركت في أخبار { $site }.
email-unsubscribe = إلغاء الاشتراك
admin-nav-subscribers = المشتركون
admin-title-subscribers = المشتركون في الأخبار بالبريد الإلكتروني
admin-subscribers-intro = القراء الذين أكدوا اشتراكهم في أخبار موقع ما. صدِّرهم، أو احذف من يطلب ذلك.
admin-subscribers-show = عرض
admin-subscribers-count = عدد المشتركين: { $count }
admin-subscribers-export = تصدير بصيغة CSV
admin-subscribers-filters = فقط
admin-subscribers-confirmed = تاريخ التأكيد
admin-subscribers-delete = حذف
admin-subscribers-more = المشتركون التالون
admin-subscribers-none = لا يوجد مشتركون بعد.
notice-subscriber-deleted = تم حذف المشترك.

# Publications
nav-publications = المنشورات
publications-heading = المنشورات
publications-description = تقارير ودراسات وأوراق بحثية، يمكن تنزيلها بكل لغة صدرت بها.
publications-total-none = لا توجد منشورات بعد.
publication-count = { $count ->
    [zero] لا توجد منشورات
    [one] منشور واحد
    [two] منشوران
    [few] { $count } منشورات
   *[other] { $count } منشورًا
}
publications-filter-label = تضييق نطاق المنشورات
publications-none = لا يوجد منشور يطابق عوامل التصفية هذه.
publication-kicker = منشور
publication-language = اللغة
publication-year = السنة
publication-authors = المؤلفون أو الجهة المُصدِرة
publication-form = النوع
publication-form-report = تقرير
publication-form-book = كتاب
publication-form-paper = ورقة بحثية
publication-isbn = الرقم الدولي المعياري للكتاب (ISBN)
publication-issn = الرقم الدولي المعياري للدوريات (ISSN)
publication-series = السلسلة
publication-cover = صورة الغلاف
publication-file = ملف PDF لهذه النسخة اللغوية
publication-pages = { $count ->
    [one] صفحة واحدة
    [two] صفحتان
    [few] { $count } صفحات
   *[other] { $count } صفحة
}
publication-downloads = تنزيل
publication-no-download = لم يُنشر أي ملف لهذا المنشور بعد.
publication-cite = الاستشهاد بهذا المنشور
publication-copy-apa = نسخ الاستشهاد بنمط APA
publication-copy-bibtex = نسخ مدخل BibTeX
publication-copied = تم النسخ
publication-about = عن هذا المنشور
bad-series = «{ $value }» ليس اسم سلسلة.
admin-kind-publications = المنشورات
admin-new-publication = منشور جديد
admin-title-new-publication = منشور جديد
error-slug-taken-publication = يستخدم منشور آخر بهذه اللغة هذا المعرّف بالفعل.
error-publication-file = أدخل رقم ملف PDF من مكتبة وسائط هذا الموقع.
error-publication-year = أدخل السنة بأربعة أرقام، مثل 2026.
error-publication-year-out-of-range = أدخل سنة بين 1950 والسنة المقبلة.
error-publication-isbn-invalid-isbn = هذا الرقم ISBN غير صالح: تحقق من أرقامه (10 أو 13، والأخير رقم تحقق).
error-publication-issn-invalid-issn = هذا الرقم ISSN غير صالح: ثمانية محارف مثل 2049-3630، والأخير رقم تحقق.
field-publication = بيانات المنشور
hint-publication-facts = تنطبق هذه البيانات على كل النسخ اللغوية؛ ولا يغيّرها إلا محررو النسخة الأصلية.
hint-publication-authors = أسماء الأشخاص مفصولة بفواصل منقوطة (Doe, Jane; Roe, Ann)، أو الجهة التي أصدرته.
hint-publication-cover = صورة الغلاف، تظهر في المكتبة وفي صفحة المنشور؛ اخترها أو ارفعها هنا (من دون أداة الاختيار، أدخل رقم صورة).
hint-publication-file = ملف PDF الذي ينزّله القرّاء بهذه اللغة؛ اختره أو ارفعه هنا. تُعدّ صفحاته ويُفهرس نصه للبحث (من دون أداة الاختيار، أدخل رقم ملف PDF).
