package io.dhcpsuite.dhcp.processing;

import io.dhcpsuite.dhcp.classification.Classifier;
import io.dhcpsuite.dhcp.classification.QueryView;

/** The two classification passes; membership in DROP drops the packet (DHCP4_PACKET_DROP_0010). */
final class ClassifyHandler implements Handler {
    private final ServerSettings settings;
    private final boolean late;

    ClassifyHandler(ServerSettings settings, boolean late) {
        this.settings = settings;
        this.late = late;
    }

    @Override
    public Outcome handle(Exchange ex) {
        if (!late) {
            ex.view = new QueryView(ex.query, ex.rai, ex.ingress.localAddress(), ex.remoteAddress, ex.length);
            settings.classifier().classifyEarly(ex.query, ex.view, ex.classes);
        } else {
            settings.classifier().classifyLate(ex.view, ex.classes, ex.host != null,
                    ex.host == null ? null : ex.host.reservation().clientClasses());
        }
        if (ex.classes.contains(Classifier.DROP)) {
            return ex.drop("DHCP4_PACKET_DROP_0010 dropped as member of the special class 'DROP'");
        }
        return Outcome.CONTINUE;
    }
}
