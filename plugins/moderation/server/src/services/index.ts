import settings from './settings';
import visibility from './visibility';
import reports from './reports';
import reporter from './reporter';
import rateLimit from './rate-limit';
import audit from './audit';
import events from './events';
import review from './review';
import setup from './setup';
import redis from './redis';
import blocklist from './blocklist';
import outbox from '../store/outbox';

export default { settings, visibility, reports, reporter, rateLimit, audit, events, review, setup, redis, blocklist, outbox };
