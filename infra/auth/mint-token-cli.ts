// Mints a bearer token for local use, a demo, or a test client, signed with the configured JWT_SECRET.
//
//   npm run token -- --demo officer-wang
//   npm run token -- --role bankruptcy_judge --court IPC-110100 --user judge-chen
//   npm run token -- --role party --party party-huaxin --cases transfer-91110105MA01ABCD2X --expires 2h
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { actorSchema, mintToken } from '../../api/http/auth';
import { demoUser, demoUsers } from './demo-users';

const usage = `usage: npm run token -- --demo <id> | --role <role> [--court <code>] [--user <id>] [--party <id>] [--cases a,b] [--name <display name>] [--expires 12h]
demo ids: ${demoUsers.map((u) => u.userId).join(', ')}`;

function main(): number {
  const { values } = parseArgs({
    options: {
      demo: { type: 'string' }, role: { type: 'string' }, court: { type: 'string' }, user: { type: 'string' },
      party: { type: 'string' }, cases: { type: 'string' }, name: { type: 'string' }, expires: { type: 'string', default: '12h' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || (!values.demo && !values.role)) {
    console.error(usage);
    return values.help ? 0 : 64;
  }
  const base = values.demo ? demoUser(values.demo) : {
    userId: values.user ?? `${values.role}-${values.court ?? values.party ?? 'local'}`,
    role: values.role,
    ...(values.court ? { court: values.court } : {}),
    ...(values.party ? { partyId: values.party } : {}),
    ...(values.name ? { displayName: values.name } : {}),
  };
  if (!base) {
    console.error(`no demo user "${values.demo}"\n${usage}`);
    return 64;
  }
  const candidate = values.cases ? { ...base, caseIds: values.cases.split(',').map((s) => s.trim()).filter(Boolean) } : base;
  const parsed = actorSchema.safeParse(candidate);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => `${i.path.join('.') || 'actor'}: ${i.message}`).join('\n') + `\n${usage}`);
    return 64;
  }
  void mintToken(loadConfig().JWT_SECRET, parsed.data as never, values.expires).then((token) => console.log(token));
  return 0;
}

process.exitCode = main();
