import settings from './settings';
import report from './report';

export default { settings, report };
