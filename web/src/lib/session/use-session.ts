import { useMe, type Me } from './get-me';

/** The signed-in person and workspace, for any page inside the app shell (which renders only once they are known). */
export function useSession(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSession is only available inside the signed-in app shell');
  return data;
}
