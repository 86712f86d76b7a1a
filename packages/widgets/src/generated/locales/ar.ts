
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'action.retry': `حاول مرة أخرى`,
'action.search': `ابحث`,
'field.country': `البلد`,
'field.kind': `النوع`,
'field.search': `بحث`,
'field.status': `الحالة`,
'field.theme': `المحور`,
'problem.closed': `هذه العريضة مغلقة ولم تعد تقبل التوقيعات. شكرًا لاهتمامك.`,
'problem.invalid': `بعض المعلومات المرسلة غير صالحة.`,
'problem.not-found': `لم نعثر على هذا المحتوى. ربما نُقل أو حُذف.`,
'problem.offline': `يبدو أنك غير متصل بالإنترنت. تحقّق من اتصالك ثم حاول مرة أخرى.`,
'problem.rate-limited': `محاولات كثيرة جدًا من اتصالك. يرجى الانتظار قليلًا ثم المحاولة مرة أخرى.`,
'problem.rate-limited-wait': str`محاولات كثيرة جدًا من اتصالك. يرجى الانتظار ${0} ثم المحاولة مرة أخرى.`,
'problem.server': `حدث خطأ من جهتنا. يرجى المحاولة مرة أخرى.`,
'projects.all-countries': `كل البلدان`,
'projects.all-statuses': `كل الحالات`,
'projects.all-themes': `كل المحاور`,
'projects.budget': `الميزانية`,
'projects.count': str`المشاريع المعروضة: ${0}`,
'projects.empty': `لا يوجد مشروع يطابق عوامل التصفية هذه.`,
'projects.filters': `تصفية المشاريع`,
'projects.from': str`من ${0}`,
'projects.hide': `إخفاء التفاصيل`,
'projects.more': `عرض المزيد من المشاريع`,
'projects.organisations': `المنظمات`,
'projects.show': `عرض التفاصيل`,
'projects.themes': `المحاور`,
'projects.title': `مشاريع الحوكمة`,
'projects.until': str`إلى ${0}`,
'projects.website': `موقع المشروع`,
'resources.all': `كل الموارد`,
'resources.all-kinds': `كل الأنواع`,
'resources.count': str`الموارد المعروضة: ${0}`,
'resources.download': `تنزيل`,
'resources.empty': `لا يوجد مورد يطابق عوامل التصفية هذه.`,
'resources.filters': `تصفية الموارد`,
'resources.join': `الانضمام إلى الندوة`,
'resources.learning': `التعلّم`,
'resources.library': `المكتبة`,
'resources.more': `عرض المزيد من الموارد`,
'resources.open': `فتح`,
'resources.play': `تشغيل الفيديو`,
'resources.play-notice': `يُحمَّل المشغّل من موقع آخر عند الضغط على زر التشغيل.`,
'resources.published': str`نُشر في ${0}`,
'resources.recording': `مشاهدة التسجيل`,
'resources.title': `الموارد`,
'resources.upcoming': `الندوات القادمة عبر الإنترنت`,
    };
  