/** The four countries WeGov works in, listed first in every country choice. */
export const WEGOV_COUNTRIES = ['TN', 'LY', 'PS', 'JO'] as const
