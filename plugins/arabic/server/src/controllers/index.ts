import text from './text';
import search from './search';

export default { text, search };
