/** Campaign names as compared between cost files and UTM tags: lower-case, trimmed, single spaces. */
export const normalizeCampaign = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');
