// Loads the puppet named by WECHATY_PUPPET. Puppets for real accounts are heavy and optional,
// so none is a dependency of the project: a missing one is reported with how to install it.
import type { BotConfig } from '../config.ts';

type PuppetConstructor = new (options?: Record<string, unknown>) => object;

export class PuppetMissingError extends Error {}

export async function loadPuppet(config: Pick<BotConfig, 'WECHATY_PUPPET' | 'WECHATY_PUPPET_SERVICE_TOKEN'>): Promise<object> {
  const name = config.WECHATY_PUPPET;
  let module: { default?: PuppetConstructor };
  try {
    module = await import(name);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new PuppetMissingError(`未安装微信协议包“${name}”。请在项目目录运行：npm install --no-save ${name}\n（也可设置 WECHATY_PUPPET 为其他 Wechaty puppet；只想试用请加 --console 参数。）`);
    }
    throw error;
  }
  if (typeof module.default !== 'function') throw new PuppetMissingError(`“${name}”不是 Wechaty puppet 包（没有默认导出的 Puppet 类）`);
  return new module.default(config.WECHATY_PUPPET_SERVICE_TOKEN ? { token: config.WECHATY_PUPPET_SERVICE_TOKEN } : {});
}
