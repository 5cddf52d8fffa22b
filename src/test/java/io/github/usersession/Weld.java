package io.github.usersession;

import io.github.usersession.beans.Account;
import io.github.usersession.beans.Audit;
import io.github.usersession.beans.Cart;
import io.github.usersession.beans.Farewell;
import io.github.usersession.beans.Faulty;
import io.github.usersession.beans.LoginService;
import io.github.usersession.beans.Pricing;
import io.github.usersession.beans.RejectionLog;
import io.github.usersession.beans.SessionEventLog;
import io.github.usersession.beans.SlowStart;
import io.github.usersession.internal.UserSessionExtension;
import org.jboss.weld.junit5.WeldInitiator;

/**
 * Builds the Weld SE containers of the unit tests with our extension, as META-INF/services would in a server.
 */
final class Weld {

    private Weld() {
    }

    /** WeldInitiator disables discovery and so never reads META-INF/services: the extension is added by hand. */
    static WeldInitiator withTestBeans() {
        return WeldInitiator.from(WeldInitiator.createWeld()
                .addExtension(new UserSessionExtension())
                .addBeanClasses(Cart.class, Pricing.class, Account.class, SlowStart.class, Faulty.class,
                        LoginService.class, SessionEventLog.class, Farewell.class, Audit.class,
                        RejectionLog.class))
                .build();
    }
}
