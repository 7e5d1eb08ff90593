import { TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useLang, useT } from '../lib/i18n.tsx';
import { common } from '../lib/messages.ts';

/** Shows the other language's name; one click switches and the choice is remembered. */
export function LanguageSwitch({ type = 'text' }: { type?: 'text' | 'default' | 'link' }) {
  const { lang, setLang } = useLang();
  const t = useT(common);
  return (
    <Button type={type} icon={<TranslationOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="language-switch" lang={lang === 'zh' ? 'en' : 'zh-CN'}>
      {t('language')}
    </Button>
  );
}
