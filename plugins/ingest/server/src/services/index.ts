import store from './store';
import runner from './runner';
import cover from './cover';

export default { store, runner, cover };
