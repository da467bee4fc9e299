<?xml version="1.0" encoding="UTF-8"?>
<!-- Test stylesheet: stops with xsl:message terminate="yes" when the note
     has no paragraph, as the real stylesheets do for unusable input. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:n="urn:test:stopper">
  <xsl:template match="/n:note">
    <xsl:if test="not(n:p)">
      <xsl:message terminate="yes">stopper.xsl: error: the note "<xsl:value-of select="n:title"/>" has no paragraph</xsl:message>
    </xsl:if>
    <out><xsl:value-of select="count(n:p)"/></out>
  </xsl:template>
</xsl:stylesheet>
