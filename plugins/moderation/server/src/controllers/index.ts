import settings from './settings';
import report from './report';
import review from './review';

export default { settings, report, review };
