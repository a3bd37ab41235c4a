/** Window sizes and browser settings shared by the config and the tests. */
export const LAPTOP = { width: 1280, height: 800 };
export const TABLET = { width: 820, height: 1180 };
export const PHONE = { width: 390, height: 844 };
export const CONTEXT_OPTIONS = { locale: 'en-GB', timezoneId: 'Europe/London' };
