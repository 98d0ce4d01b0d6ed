import slug from './slug';
import search from './search';
import attribution from './attribution';

export default { slug, search, attribution };
