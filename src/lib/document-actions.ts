/** Document Service actions that only read; every other action may change what readers see. */
export const READ_ACTIONS: ReadonlySet<string> = new Set(['findOne', 'findMany', 'findFirst', 'count']);
