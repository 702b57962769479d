package org.cec.portal.example.hello;

import org.cec.portal.api.web.NavigationItem;
import org.osgi.service.component.annotations.Component;

/**
 * The example page's entry in the portal navigation and on the home page. Its texts are message
 * keys ({@code %key}): the portal looks them up in this bundle's {@code messages/} files in the
 * visitor's language.
 */
@Component
public final class HelloNavigation implements NavigationItem {

    @Override
    public String label() {
        return "%hello.navigation.label";
    }

    @Override
    public String path() {
        return HelloPage.PATH;
    }

    @Override
    public String description() {
        return "%hello.navigation.description";
    }

    @Override
    public int rank() {
        return 900;
    }
}
