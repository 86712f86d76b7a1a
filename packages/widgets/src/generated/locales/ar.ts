
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'problem.offline': `You seem to be offline. Check your connection, then try again.`,
'problem.not-found': `We could not find this. It may have been moved or removed.`,
'problem.closed': `This petition is closed and no longer accepts signatures. Thank you for your interest.`,
'problem.rate-limited-wait': str`Too many attempts from your connection. Please wait ${0}, then try again.`,
'problem.rate-limited': `Too many attempts from your connection. Please wait a moment, then try again.`,
'problem.invalid': `Some of the information sent is not valid.`,
'problem.server': `Something went wrong on our side. Please try again.`,
'action.retry': `Try again`,
'projects.title': `Governance projects`,
'projects.filters': `Filter projects`,
'field.country': `Country`,
'projects.all-countries': `All countries`,
'field.theme': `Theme`,
'projects.all-themes': `All themes`,
'field.status': `Status`,
'projects.all-statuses': `All statuses`,
'field.search': `Search`,
'action.search': `Search`,
'projects.count': str`Projects shown: ${0}`,
'projects.empty': `No project matches these filters.`,
'projects.more': `Load more projects`,
'projects.from': str`From ${0}`,
'projects.until': str`until ${0}`,
'projects.hide': `Hide details`,
'projects.show': `Show details`,
'projects.themes': `Themes`,
'projects.organisations': `Organisations`,
'projects.budget': `Budget`,
'projects.website': `Project website`,
    };
  